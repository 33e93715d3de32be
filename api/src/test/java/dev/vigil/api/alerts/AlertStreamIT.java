package dev.vigil.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import dev.vigil.api.testing.Http;
import io.micrometer.core.instrument.Counter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/alerts/stream} on a real node, read by a real HTTP client: live alerts, resume
 * with {@code Last-Event-ID} without gaps or repeats, filters, auth, and a client that never
 * reads being disconnected while ingestion goes on.
 */
class AlertStreamIT {
  static final String TOKEN = "it-admin-key-for-alert-stream-0123";
  static final String RULE =
      "@Name('each_login') @Tag(name='severity', value='low') @Tag(name='by', value='user_id')\n"
          + "select user_id, event_id from login";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestNode node;
  static Http http;
  static final AtomicInteger seq = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("it.epl"), RULE);
    node = TestNode.start(dir.resolve("data"), Map.of(
        "VIGIL_ADMIN_KEY", TOKEN,
        "VIGIL_RULES_DIR", rules.toString(),
        "VIGIL_ENGINE_SHARDS", "2",
        // Wall-clock event times: lateness 1 s with quick idle progress (see IngestBadInputIT).
        "VIGIL_ENGINE_ALLOWED_LATENESS", "1s",
        "VIGIL_ENGINE_IDLE_TIMEOUT", "50ms",
        "VIGIL_ALERTS_STREAM_HEARTBEAT", "200ms",
        "VIGIL_ALERTS_STREAM_BUFFER_BYTES", "4KiB",
        "VIGIL_ALERTS_STREAM_STALL_TIMEOUT", "300ms"), System.out);
    http = new Http(node.node.port(), TOKEN);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Ingests one login per user; each raises one alert. */
  static void logins(String user, int n) {
    assertThat(post(user, n)).isEqualTo(202);
  }

  /** As {@link #logins}, returning the status (a flood may meet the queue's 429 push-back). */
  static int post(String user, int n) {
    StringBuilder body = new StringBuilder();
    long ts = Instant.now().minusSeconds(60).toEpochMilli();
    for (int i = 0; i < n; i++) {
      body.append("{\"event_id\":\"").append(user).append('-').append(seq.incrementAndGet())
          .append("\",\"type\":\"login\",\"timestamp\":").append(ts)
          .append(",\"user_id\":\"").append(user).append("\",\"success\":true}\n");
    }
    Http.Response r = http.post("/v1/events", "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8));
    return r.status();
  }

  static SseClient open(String query, String lastEventId) throws Exception {
    SseClient c = SseClient.open(node.uri("/v1/alerts/stream" + query), TOKEN, lastEventId);
    assertThat(c.response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> c.comments.contains("connected"));
    return c;
  }

  static String alertId(SseClient.SseEvent e) throws Exception {
    return JSON.readTree(e.data()).path("alert_id").asText();
  }

  /** The stored alerts of a user, oldest first, as GET /v1/alerts lists them. */
  static List<String> storedAlerts(String user) {
    Http.Response r = http.get("/v1/alerts?entity_key=" + user + "&limit=1000");
    List<String> ids = new ArrayList<>();
    r.json().path("alerts").forEach(a -> ids.add(0, a.path("alert_id").asText()));
    return ids;
  }

  @Test
  void stream_liveThenResumeWithLastEventId_everyAlertOnceInStoreOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    String lastId;
    try (SseClient first = open("?entity_key=u-resume", null)) {
      logins("u-resume", 10);
      await().atMost(Duration.ofSeconds(20)).until(() -> first.events.size() == 10);
      assertThat(first.events).allSatisfy(e -> assertThat(e.type()).isEqualTo("alert.created"));
      for (SseClient.SseEvent e : first.events) {
        seen.add(alertId(e));
      }
      lastId = first.events.get(9).id();
    }
    logins("u-resume", 15); // stored while no client is connected
    await().atMost(Duration.ofSeconds(20)).until(() -> storedAlerts("u-resume").size() == 25);

    try (SseClient second = open("?entity_key=u-resume", lastId)) {
      logins("u-resume", 5);
      await().atMost(Duration.ofSeconds(20)).until(() -> second.events.size() >= 20);
      for (SseClient.SseEvent e : second.events) {
        seen.add(alertId(e));
      }
      assertThat(second.comments).contains("heartbeat").as("idle comments keep the connection open");
    }

    assertThat(seen).doesNotHaveDuplicates().hasSize(30).containsExactlyElementsOf(storedAlerts("u-resume"));
  }

  @Test
  void stream_withoutLastEventId_startsAtNextAlert_filtersApply() throws Exception {
    logins("u-before", 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedAlerts("u-before").size() == 3);
    try (SseClient all = open("", null); SseClient other = open("?rule=other_rule", null)) {
      logins("u-after", 2);
      await().atMost(Duration.ofSeconds(20)).until(() -> all.events.size() >= 2);
      assertThat(all.events).extracting(e -> JSON.readTree(e.data()).path("entity").path("key").asText())
          .containsOnly("u-after");
      assertThat(other.events).isEmpty();
    }
  }

  @Test
  void stream_badRequests_problems() throws Exception {
    try (SseClient noKey = SseClient.open(node.uri("/v1/alerts/stream"), null, null);
        SseClient badCursor = SseClient.open(node.uri("/v1/alerts/stream"), TOKEN, "not-a-cursor");
        SseClient badParam = SseClient.open(node.uri("/v1/alerts/stream?since=1"), TOKEN, null)) {
      assertThat(noKey.response.statusCode()).isEqualTo(401);
      assertThat(badCursor.response.statusCode()).isEqualTo(400);
      assertThat(badParam.response.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void slowClient_neverReads_disconnected_ingestionGoesOn() throws Exception {
    Counter dropped = node.node.meters().get("vigil.alerts.stream.disconnected").counter();
    double before = dropped.count();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(1024);
      socket.connect(new InetSocketAddress("127.0.0.1", node.node.port()));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The client never reads; keep raising alerts until the server gives up on it. Ingest must
      // go on: accepted, or pushed back by the engine queue's 429 (the flood outruns the
      // engine), never blocked by the stalled client. The kernel's buffers absorb some MB first.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
        assertThat(post("u-flood", 500)).isIn(202, 429);
        return dropped.count() > before;
      });
      InputStream in = socket.getInputStream();
      socket.setSoTimeout(30_000); // the server closed it: reading what the kernel held ends in EOF
      byte[] buf = new byte[64 * 1024];
      try {
        while (in.read(buf) >= 0) {
          // drain
        }
      } catch (java.net.SocketException reset) {
        // closed with unread data: a reset is a close too
      }
    }
    logins("u-flood-after", 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedAlerts("u-flood-after").size() == 1);
  }
}
