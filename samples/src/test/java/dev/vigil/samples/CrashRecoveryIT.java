package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of docs/design/durability.md: a node runs as its own process with the bundled
 * sample rules and a webhook subscription to a {@link WebhookReceiver}; a deterministic stream of
 * generated transactions goes in over HTTP while the node is {@code kill -9}ed at random moments
 * and restarted on the same data directory (a batch without a 2xx is resent). At the end: every
 * event is counted exactly once in the statistics, the alert ids equal those of an uninterrupted
 * run over the same input, every alert reached the receiver under its id; then a SIGTERM and a
 * restart change nothing and replay nothing.
 *
 * <p>Short form (the suite): {@value #SHORT_KILLS} kills over {@value #SHORT_EVENTS} events. Long
 * form: {@code -Dcrash.kills=10 -Dcrash.events=6000} (e.g. {@code mvn -pl samples -am verify
 * -Dit.test=CrashRecoveryIT -Dcrash.kills=10 -Dcrash.events=6000}).
 */
@DisabledOnOs(OS.WINDOWS)
class CrashRecoveryIT {
  static final int SHORT_KILLS = 3;
  static final int SHORT_EVENTS = 1500;
  static final String ADMIN_KEY = "crash-it-admin-key-0123456789";
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final int BATCH = 25;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern CATCH_UP = Pattern.compile("catching up \\d+\\.\\.\\d+ \\((\\d+) events\\)");

  @TempDir Path dir;

  final int kills = Integer.getInteger("crash.kills", SHORT_KILLS);
  final int events = Integer.getInteger("crash.events", SHORT_EVENTS);

  @Test
  void killNineAtRandomMoments_countsOnceSameAlertsEveryAlertDelivered() throws Exception {
    List<String> batches = batches();
    Map<String, Integer> expectedCounts = countsPerUser(batches);

    Set<String> reference;
    try (WebhookReceiver receiver = WebhookReceiver.start(0, null)) {
      ServerProcess node = ServerProcess.start(env(dir.resolve("reference")));
      int port = node.awaitReady();
      subscribe(port, receiver);
      for (String b : batches) {
        assertThat(post(port, b).statusCode()).isEqualTo(202);
      }
      reference = settledAlertIds(port, expectedCounts);
      node.terminate();
    }
    assertThat(reference).as("the sample rules raise alerts on this input").hasSizeGreaterThan(5);

    try (WebhookReceiver receiver = WebhookReceiver.start(0, null)) {
      Map<String, String> env = env(dir.resolve("crash"));
      Crashing crashing = new Crashing(env);
      int port = crashing.start();
      subscribe(port, receiver);
      Random random = new Random(7);
      AtomicInteger sent = new AtomicInteger();
      Thread sender = new Thread(() -> sendAll(batches, crashing, sent), "crash-it-sender");
      sender.start();
      for (int k = 1; k <= kills; k++) {
        int target = k * batches.size() / (kills + 1) + random.nextInt(5) - 2;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> sent.get() >= target);
        crashing.killAndRestart();
      }
      sender.join(180_000);
      assertThat(sent.get()).as("every batch got a 2xx").isEqualTo(batches.size());
      port = crashing.port();

      // (1) counted exactly once, (2) same alert ids as without crashes.
      int crashedPort = port;
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(countsPerUser(crashedPort, expectedCounts.keySet())).isEqualTo(expectedCounts);
        assertThat(alertIds(crashedPort)).isEqualTo(reference);
      });
      // (3) every alert reached the receiver, always under its own id.
      await().atMost(Duration.ofSeconds(60)).untilAsserted(
          () -> assertThat(receivedIds(receiver)).containsAll(reference));
      assertThat(receivedIds(receiver)).isSubsetOf(reference);
      for (WebhookReceiver.Delivery d : receiver.deliveries()) {
        assertThat(JSON.readTree(d.body()).path("data").path("alert_id").asText()).isEqualTo(d.webhookId());
      }

      // A clean SIGTERM loses nothing and replays nothing.
      assertThat(crashing.current().terminate()).isZero();
      ServerProcess again = ServerProcess.start(env);
      int againPort = again.awaitReady();
      try {
        assertThat(caughtUp(again)).as("events replayed unmuted after a clean stop").isLessThanOrEqualTo(1);
        assertThat(countsPerUser(againPort, expectedCounts.keySet())).isEqualTo(expectedCounts);
        assertThat(alertIds(againPort)).isEqualTo(reference);
      } finally {
        again.terminate();
      }
    }
  }

  /** The node under test, killed and restarted on the same data directory. */
  private static final class Crashing {
    private final Map<String, String> env;
    private volatile ServerProcess current;
    private volatile int port = -1;
    private final AtomicInteger generation = new AtomicInteger();

    Crashing(Map<String, String> env) {
      this.env = env;
    }

    int start() throws Exception {
      current = ServerProcess.start(env);
      port = current.awaitReady();
      generation.incrementAndGet();
      return port;
    }

    void killAndRestart() throws Exception {
      port = -1;
      current.kill();
      start();
    }

    int port() {
      return port;
    }

    ServerProcess current() {
      return current;
    }
  }

  /** Sends every batch in order; a batch without a 2xx waits for the next start and is resent. */
  private static void sendAll(List<String> batches, Crashing node, AtomicInteger sent) {
    for (String batch : batches) {
      while (true) {
        int gen = node.generation.get();
        int port = node.port();
        try {
          if (port > 0 && post(port, batch).statusCode() == 202) {
            sent.incrementAndGet();
            break;
          }
        } catch (Exception e) {
          // connection refused or reset: the node was killed
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
            .until(() -> node.port() > 0 && (node.generation.get() > gen || port <= 0));
      }
    }
  }

  private List<String> batches() {
    EventGenerator generator = new EventGenerator(42, "cr", 40, T0, 1_000);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < events; i += BATCH) {
      out.add(generator.nextBatch(Math.min(BATCH, events - i)));
    }
    // Far ahead in event time: moves the watermark past every generated event.
    out.add("{\"event_id\":\"cr-flush\",\"type\":\"transaction\",\"timestamp\":" + (T0 + events * 1_000L + 3_600_000L)
        + ",\"user_id\":\"flush\",\"card_id\":\"cflush\",\"merchant_id\":\"mflush\",\"amount\":1,"
        + "\"currency\":\"EUR\",\"country\":\"US\",\"status\":\"approved\",\"channel\":\"web\"}\n");
    return out;
  }

  private static Map<String, Integer> countsPerUser(List<String> batches) {
    Pattern user = Pattern.compile("\"user_id\":\"(u\\d+)\"");
    Map<String, Integer> counts = new TreeMap<>();
    for (String b : batches) {
      Matcher m = user.matcher(b);
      while (m.find()) {
        counts.merge(m.group(1), 1, Integer::sum);
      }
    }
    return counts;
  }

  private Map<String, String> env(Path data) {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HTTP_HOST", "127.0.0.1");
    env.put("VIGIL_HTTP_PORT", "0");
    env.put("VIGIL_DATA_DIR", data.toString());
    env.put("VIGIL_ADMIN_KEY", ADMIN_KEY);
    env.put("VIGIL_ENGINE_SHARDS", "1"); // one watermark: the flush event releases everything
    env.put("VIGIL_ENGINE_DURABILITY", "fsync");
    // No idle progress: pauses of wall time (kills, restarts) must not move event time.
    env.put("VIGIL_ENGINE_IDLE_TIMEOUT", "1h");
    env.put("VIGIL_WEBHOOK_ALLOWLIST", "127.0.0.1");
    env.put("VIGIL_WEBHOOKS_INITIAL_DELAY", "1s");
    env.put("VIGIL_WEBHOOKS_MAX_DELAY", "2s");
    env.put("VIGIL_WEBHOOKS_TIMEOUT", "5s");
    env.put("VIGIL_SHUTDOWN_DRAIN_TIMEOUT", "5s");
    return env;
  }

  private static HttpResponse<String> post(int port, String ndjson) throws Exception {
    return HTTP.send(request(port, "/v1/events").timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ADMIN_KEY);
  }

  private static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 404 ? null : JSON.readTree(r.body());
  }

  private static void subscribe(int port, WebhookReceiver receiver) throws Exception {
    HttpResponse<String> r = HTTP.send(request(port, "/v1/subscriptions").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"url\":\"http://127.0.0.1:" + receiver.port() + "/hook\",\"description\":\"crash test\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static Map<String, Integer> countsPerUser(int port, Set<String> users) throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    for (String u : users) {
      JsonNode stats = get(port, "/v1/entities/user/" + u + "/stats");
      counts.put(u, stats == null ? 0 : stats.path("event_count").asInt());
    }
    return counts;
  }

  private static Set<String> alertIds(int port) throws Exception {
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      JsonNode page = get(port, "/v1/alerts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("alerts").forEach(a -> ids.add(a.path("alert_id").asText()));
      cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
    } while (cursor != null);
    return ids;
  }

  /** Alert ids once every event is evaluated and the set stopped changing. */
  private static Set<String> settledAlertIds(int port, Map<String, Integer> expectedCounts) throws Exception {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(
        () -> assertThat(countsPerUser(port, expectedCounts.keySet())).isEqualTo(expectedCounts));
    Set<String>[] last = new Set[] {alertIds(port)};
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      Set<String> now = alertIds(port);
      boolean same = now.equals(last[0]);
      last[0] = now;
      return same;
    });
    return last[0];
  }

  private static Set<String> receivedIds(WebhookReceiver receiver) {
    Set<String> ids = new HashSet<>();
    receiver.deliveries().forEach(d -> ids.add(d.webhookId()));
    return ids;
  }

  private static long caughtUp(ServerProcess node) {
    for (String line : node.log()) {
      Matcher m = CATCH_UP.matcher(line);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    return 0;
  }
}
