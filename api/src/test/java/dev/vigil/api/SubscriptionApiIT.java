package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.delivery.WebhookSettings;
import dev.vigil.api.delivery.Webhooks;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscription and alert-lifecycle resources over HTTP against a real engine (no dispatcher). */
class SubscriptionApiIT {

  @TempDir Path dir;
  private Vertx vertx;
  private Engine engine;
  private VigilServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    engine = Engine.start(new EngineConfig(dir, List.of(new RuleFile("r.epl",
        "@Name('each_login') @Tag(name='by', value='user_id') select user_id, event_id from login")), 1, 1000,
        Duration.ofHours(1), Durability.NONE, dev.vigil.engine.Clock.system())
        // The event below is stamped with the wall clock; idle progress moves the watermark to
        // now minus the lateness, so 1 s of lateness keeps it on time; awaitIdle takes ~1 s.
        .withAllowedLateness(Duration.ofSeconds(1)).withIdleTimeout(Duration.ofMillis(50)), new SimpleMeterRegistry());
    vertx = Vertx.vertx();
    Webhooks webhooks = Webhooks.withoutDispatcher(WebhookSettings.defaults().withAllowlist(List.of("127.0.0.1")));
    server = VigilServer.start(vertx, VigilServer.setup(EngineAccess.of(engine), new TestBearerSecurity(Map.of(
            "admin", Set.of("admin"), "reader", Set.of("alerts:read", "subscriptions:read")))).webhooks(webhooks))
        .await();
    http = new Http(server.port(), "admin");
  }

  @AfterEach
  void stop() {
    server.close().await();
    vertx.close().await();
    engine.close();
  }

  @Test
  void create_returnsSecretOnce_getHidesIt_patchPauseRotateDelete() {
    Http.Response created = http.postJson("/v1/subscriptions",
        "{\"url\":\"http://127.0.0.1:9/hook\",\"description\":\"d\",\"filter\":{\"severities\":[\"high\"]}}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("secret").asText()).startsWith("whsec_");

    Http.Response got = http.withToken("reader").get("/v1/subscriptions/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().has("secret")).isFalse();
    assertThat(got.json().path("filter").path("severities").get(0).asText()).isEqualTo("high");
    assertThat(http.withToken("reader").postJson("/v1/subscriptions", "{}").status()).isEqualTo(403);

    Http.Response patched = http.send(http.request("/v1/subscriptions/" + id).header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"description\":\"new\"}")).build());
    assertThat(patched.json().path("description").asText()).isEqualTo("new");
    assertThat(http.send("POST", "/v1/subscriptions/" + id + "/pause").json().path("state").asText()).isEqualTo("paused");
    Http.Response rotated = http.send("POST", "/v1/subscriptions/" + id + "/rotate-secret");
    assertThat(rotated.json().path("secret").asText()).startsWith("whsec_")
        .isNotEqualTo(created.json().path("secret").asText());
    assertThat(rotated.json().path("secrets_signing").asInt()).isEqualTo(2);
    assertThat(http.get("/v1/subscriptions/" + id + "/deliveries").json().path("deliveries").size()).isZero();
    assertThat(http.send("DELETE", "/v1/subscriptions/" + id).status()).isEqualTo(204);
    assertThat(http.get("/v1/subscriptions/" + id).problemType()).isEqualTo("subscription-not-found");
  }

  /** 127.0.0.1 is allowlisted here (so is its IPv4-mapped form); AddressGuardTest covers it unlisted. */
  @Test
  void create_ssrfProbes_refusedWithReason() {
    for (String url : List.of("https://127.0.0.2/", "https://[::1]/", "https://[::ffff:127.0.0.2]/",
        "https://2130706433/", "https://0x7f000001/", "https://169.254.169.254/", "https://[fc00::1]/",
        "http://example.com/")) {
      Http.Response r = http.postJson("/v1/subscriptions", "{\"url\":\"" + url + "\"}");
      assertThat(r.status()).as(url).isEqualTo(400);
      assertThat(r.problemType()).as(url).isEqualTo("invalid-subscription");
    }
  }

  @Test
  void ackThenResolve_recordsWho_statusFilterFindsIt() throws Exception {
    engine.ingest(List.of(new dev.vigil.engine.Event("l1", "login", System.currentTimeMillis(),
        Map.of("user_id", "u1"), Map.of())));
    engine.awaitIdle(Duration.ofSeconds(10));
    String id = http.get("/v1/alerts").json().path("alerts").get(0).path("alert_id").asText();

    assertThat(http.withToken("reader").send("POST", "/v1/alerts/" + id + "/ack").status()).isEqualTo(403);
    Http.Response acked = http.send("POST", "/v1/alerts/" + id + "/ack");
    assertThat(acked.json().path("status").asText()).isEqualTo("acknowledged");
    assertThat(acked.json().path("acknowledged_by").asText()).startsWith("test-");
    assertThat(http.send("POST", "/v1/alerts/" + id + "/ack").problemType()).isEqualTo("alert-status-conflict");
    assertThat(http.send("POST", "/v1/alerts/" + id + "/resolve").json().path("resolved_at").isTextual()).isTrue();
    assertThat(http.get("/v1/alerts?status=resolved").json().path("alerts").size()).isEqualTo(1);
    assertThat(http.get("/v1/alerts?status=open").json().path("alerts").size()).isZero();
    assertThat(http.get("/v1/alerts?status=bogus").problemType()).isEqualTo("invalid-parameter");
    assertThat(http.send("POST", "/v1/alerts/nope/ack").problemType()).isEqualTo("alert-not-found");
  }
}
