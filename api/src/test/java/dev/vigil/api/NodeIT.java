package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-node lifecycle: startup errors and graceful shutdown without losing accepted events. */
class NodeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void start_portInUse_failsWithClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> TestNode.start(dir.resolve("data"),
              Map.of("VIGIL_HTTP_PORT", Integer.toString(taken.getLocalPort())), System.out))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void start_dataDirInUse_failsWithClearMessage() throws Exception {
    try (TestNode first = TestNode.start(dir.resolve("data"))) {
      assertThatThrownBy(() -> TestNode.start(dir.resolve("data")))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("data.dir");
      assertThat(first.get("/health/ready", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void start_ruleThatDoesNotCompile_failsNamingTheFile() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("bad-rules"));
    Files.writeString(rules.resolve("broken.epl"), "select frobnicate from nowhere where");
    assertThatThrownBy(() -> TestNode.start(dir.resolve("data"),
            Map.of("VIGIL_RULES_DIR", rules.toString()), System.out))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("broken.epl");
  }

  @Test
  void close_whileClientsSend_everyAcknowledgedEventSurvivesRestart() throws Exception {
    Path data = dir.resolve("data");
    TestNode first = TestNode.start(data);
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicInteger batches = new AtomicInteger();
    AtomicInteger partial = new AtomicInteger();
    Thread client = new Thread(() -> {
      for (int b = 0; ; b++) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          ids.add("inflight-" + b + "-" + i);
          batch.add(TestNode.transaction(ids.get(i)));
        }
        try {
          HttpResponse<String> r = first.postJson("/v1/events", TestNode.ADMIN_KEY, batch.toString());
          if (r.statusCode() == 202) {
            if (JSON.readTree(r.body()).get("accepted").asInt() != 50) {
              partial.incrementAndGet();
            }
            acknowledged.addAll(ids);
          }
          batches.incrementAndGet();
        } catch (Exception e) {
          return; // the server went away: stop sending
        }
      }
    });
    client.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> batches.get() >= 5);
    first.close();
    client.join(30_000);
    assertThat(client.isAlive()).isFalse();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(250);
    assertThat(partial).hasValue(0);

    try (TestNode second = TestNode.start(data)) {
      StringJoiner all = new StringJoiner(",", "[", "]");
      acknowledged.forEach(id -> all.add(TestNode.transaction(id)));
      HttpResponse<String> again = second.postJson("/v1/events", TestNode.ADMIN_KEY, all.toString());
      JsonNode body = JSON.readTree(again.body());
      assertThat(body.get("duplicates").asInt()).isEqualTo(acknowledged.size());
      assertThat(body.get("accepted").asInt()).isZero();
    }
  }

  @Test
  void close_thenRestartOnSameDir_acceptedEventsAreKept() throws Exception {
    StringJoiner batch = new StringJoiner(",", "[", "]");
    for (int i = 0; i < 200; i++) {
      batch.add(TestNode.transaction("shutdown-" + i));
    }
    Path data = dir.resolve("data");
    TestNode first = TestNode.start(data);
    HttpResponse<String> r = first.postJson("/v1/events", TestNode.ADMIN_KEY, batch.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body().substring(0, Math.min(300, r.body().length()))).isEqualTo(200);
    first.close();
    assertThat(first.node.readiness().ready()).isFalse();
    first.close(); // idempotent

    try (TestNode second = TestNode.start(data)) {
      HttpResponse<String> again = second.postJson("/v1/events", TestNode.ADMIN_KEY, batch.toString());
      JsonNode body = JSON.readTree(again.body());
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(body.get("accepted").asInt()).isZero();
      assertThat(body.get("duplicates").asInt()).isEqualTo(200);
    }
  }
}
