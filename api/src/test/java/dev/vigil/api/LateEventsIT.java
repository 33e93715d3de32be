package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.testing.Http;
import dev.vigil.api.testing.TestBearerSecurity;
import dev.vigil.engine.Durability;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.RuleFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late events through the real server and engine: the ingest response reports them per item, the
 * late-events log serves them at {@code GET /v1/late-events} (scope {@code alerts:read}).
 */
class LateEventsIT {
  static final String ADMIN = "admin-token";
  static final String READER = "reader-token";
  static final String WRITER = "writer-token";

  @TempDir static Path dataDir;
  static Vertx vertx;
  static Engine engine;
  static VigilServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    String rule = "@Name('each_login') @Tag(name='by', value='user_id') select user_id, event_id from login";
    EngineConfig config =
        new EngineConfig(dataDir, List.of(new RuleFile("it.epl", rule)), 2, 10_000, Duration.ofHours(24),
                Durability.BATCH, dev.vigil.engine.Clock.system())
            .withAllowedLateness(Duration.ofSeconds(30));
    engine = Engine.start(config, meters);
    vertx = Vertx.vertx();
    TestBearerSecurity security = new TestBearerSecurity(Map.of(
        ADMIN, Set.of("admin"), READER, Set.of("alerts:read"), WRITER, Set.of("events:write")));
    server = VigilServer.start(vertx, VigilServer.setup(EngineAccess.of(engine), security).meters(meters)).await();
    http = new Http(server.port(), ADMIN);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (engine != null) {
      engine.close();
    }
  }

  static String login(String id, long ts) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"login\",\"timestamp\":" + ts + ",\"user_id\":\"u-late\"}";
  }

  @Test
  void ingest_olderThanWatermark_reportedLateAndListed() {
    long now = Instant.now().toEpochMilli();
    Http.Response first = http.post("/v1/events", "application/json", utf8(login("on-time-1", now - 10_000)));
    assertThat(first.json().path("late").asInt()).isZero();
    assertThat(first.json().has("late_items")).isFalse();

    String batch = "[" + login("on-time-2", now - 5_000) + "," + login("too-late", now - 120_000) + ","
        + login("on-time-1", now - 1_000) + ",{\"type\":\"login\"}]";
    Http.Response r = http.post("/v1/events", "application/json", utf8(batch));

    assertThat(r.status()).isEqualTo(202);
    JsonNode body = r.json();
    assertThat(body.path("accepted").asInt()).isEqualTo(2);
    assertThat(body.path("duplicates").asInt()).isEqualTo(1);
    assertThat(body.path("late").asInt()).isEqualTo(1);
    assertThat(body.path("late_items")).hasSize(1);
    assertThat(body.path("late_items").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(body.path("late_items").get(0).path("event_id").asText()).isEqualTo("too-late");

    Http.Response list = http.withToken(READER).get("/v1/late-events?type=login&limit=10");
    assertThat(list.status()).isEqualTo(200);
    JsonNode entries = list.json().path("late_events");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("event_id").asText()).isEqualTo("too-late");
    assertThat(entries.get(0).path("type").asText()).isEqualTo("login");
    assertThat(entries.get(0).path("fields").path("user_id").asText()).isEqualTo("u-late");
    assertThat(entries.get(0).path("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(now - 120_000).toString());
    assertThat(list.json().path("next_cursor").isNull()).isTrue();

    assertThat(http.get("/v1/late-events?type=transaction").json().path("late_events")).isEmpty();
    assertThat(http.get("/v1/late-events?since=" + (now + 3_600_000)).json().path("late_events")).isEmpty();
  }

  @Test
  void lateEvents_badParametersAndScopes() {
    Http.Response bad = http.get("/v1/late-events?cursor=not-a-cursor");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.problemType()).isEqualTo("invalid-parameter");
    assertThat(bad.json().path("parameter").asText()).isEqualTo("cursor");
    assertThat(http.get("/v1/late-events?typ=login").json().path("parameter").asText()).isEqualTo("typ");
    assertThat(http.get("/v1/late-events?limit=0").status()).isEqualTo(400);
    assertThat(http.withToken(WRITER).get("/v1/late-events").status()).isEqualTo(403);
    assertThat(http.withToken("nobody").get("/v1/late-events").status()).isEqualTo(401);
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
