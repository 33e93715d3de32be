package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.testing.Http;
import dev.vigil.api.testing.RecordingEngine;
import dev.vigil.api.testing.TestBearerSecurity;
import dev.vigil.engine.Alert;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of {@link VigilServer} against a recording engine stand-in: routing, auth
 * wiring, status codes, problem bodies, response shapes and the engine failure mappings (429,
 * 503) that a real engine cannot be made to produce on demand. Semantics against the real engine
 * are in {@code IngestBadInputIT}.
 */
class VigilServerTest {
  static final String TOKEN = "writer-token";
  static final ApiLimits LIMITS = ApiLimits.defaults().withMaxBodyBytes(256 * 1024).withMaxBatchEvents(100);

  static Vertx vertx;
  static VigilServer server;
  static RecordingEngine engine;
  static SimpleMeterRegistry meters;
  static Http http;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    engine = new RecordingEngine();
    meters = new SimpleMeterRegistry();
    TestBearerSecurity security = new TestBearerSecurity(Map.of(
        TOKEN, Set.of("events:write", "rules:read", "rules:write", "alerts:read"),
        "reader-token", Set.of("alerts:read")));
    server = VigilServer.start(vertx, VigilServer.setup(engine, security).limits(LIMITS).meters(meters)
            .extraRoutes(router -> router.get("/health/live").handler(ctx -> ctx.response().end("ok"))))
        .await();
    http = new Http(server.port(), TOKEN);
  }

  @AfterAll
  static void stop() {
    server.close().await();
    vertx.close().await();
  }

  static String login(String id) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"login\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"user_id\":\"u1\"}";
  }

  @Test
  void requestId_absent_isGenerated_present_isEchoed() {
    Http.Response r = http.get("/health/live");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-Request-Id")).hasSizeGreaterThan(10);
    Http.Response echoed = http.send(http.request("/health/live").header("X-Request-Id", "abc-123").GET().build());
    assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123");
  }

  @Test
  void unknownRoute_is404Problem_wrongMethod_is405Problem() {
    Http.Response notFound = http.get("/v1/nothing");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(notFound.problemType()).isEqualTo("not-found");
    assertThat(notFound.json().path("request_id").asText()).isEqualTo(notFound.header("X-Request-Id"));
    Http.Response wrongMethod = http.send("DELETE", "/v1/events");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.problemType()).isEqualTo("method-not-allowed");
  }

  @Test
  void ingest_noToken_is401_missingScope_is403_andBodyIsDrained() {
    Http.Response none = http.withToken(null).postJson("/v1/events", login("auth-1"));
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    Http.Response reader = http.withToken("reader-token").postJson("/v1/events", login("auth-2"));
    assertThat(reader.status()).isEqualTo(403);
    assertThat(engine.admitted()).extracting(e -> e.id()).doesNotContain("auth-1", "auth-2");
    assertThat(http.get("/health/live").status()).isEqualTo(200);
  }

  @Test
  void ingest_wrongContentType_is415() {
    Http.Response r = http.post("/v1/events", "text/plain", login("ct-1").getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.problemType()).isEqualTo("unsupported-media-type");
    assertThat(http.post("/v1/events", null, new byte[] {'{', '}'}).status()).isEqualTo(415);
  }

  @Test
  void ingest_bodyOverLimit_is413Problem_serverStaysUsable() {
    byte[] big = new byte[300 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    Http.Response r = http.post("/v1/events", "application/json", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.problemType()).isEqualTo("body-too-large");
    assertThat(http.postJson("/v1/events", login("after-413")).status()).isEqualTo(202);
  }

  @Test
  void ingest_mixedBatch_acceptsGoodRejectsBadReportsDuplicates() {
    String body = "[" + login("mix-1") + ",{\"event_id\":\"mix-2\",\"type\":\"nope\",\"timestamp\":1},"
        + login("mix-1") + ",7]";
    Http.Response r = http.postJson("/v1/events", body);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(r.json().path("duplicates").asInt()).isEqualTo(1);
    assertThat(r.json().path("duplicate_items").get(0).path("index").asInt()).isEqualTo(2);
    assertThat(r.json().path("rejected")).hasSize(2);
    assertThat(r.json().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(r.json().path("rejected").get(0).path("event_id").asText()).isEqualTo("mix-2");
    assertThat(r.json().path("rejected").get(0).path("errors").findValuesAsText("field"))
        .containsExactly("type", "timestamp");
    assertThat(r.json().path("rejected").get(1).path("event_id").isNull()).isTrue();
    assertThat(engine.admitted()).filteredOn(e -> e.id().equals("mix-1")).hasSize(1);
    assertThat(meters.counter("vigil.ingest.events", "outcome", "rejected").count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ingest_ndjson_processesEachLine() {
    String body = login("nd-1") + "\n\n{broken\n" + login("nd-2") + "\n";
    Http.Response r = http.post("/v1/events", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(r.json().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(r.json().path("rejected").get(0).path("errors").get(0).path("reason").asText())
        .startsWith("invalid JSON at line 3");
  }

  @Test
  void ingest_engineOverloaded_is429WithRetryAfter_storageFailure_is503() {
    engine.failNextIngest(new OverloadedException("full", 3));
    Http.Response overloaded = http.postJson("/v1/events", login("ov-1"));
    assertThat(overloaded.status()).isEqualTo(429);
    assertThat(overloaded.header("Retry-After")).isEqualTo("3");
    assertThat(overloaded.problemType()).isEqualTo("overloaded");
    engine.failNextIngest(new StorageException("disk", null));
    Http.Response storage = http.postJson("/v1/events", login("ov-2"));
    assertThat(storage.status()).isEqualTo(503);
    assertThat(storage.header("Retry-After")).isNotNull();
    engine.failNextIngest(OverloadedException.shuttingDown(2));
    assertThat(http.postJson("/v1/events", login("ov-3")).status()).isEqualTo(503);
    assertThat(engine.admitted()).extracting(e -> e.id()).doesNotContain("ov-1", "ov-2", "ov-3");
  }

  @Test
  void ingest_allItemsRejected_is202WithAcceptedZero() {
    Http.Response r = http.postJson("/v1/events", "[{\"event_id\":\"x\"}]");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isZero();
    assertThat(r.json().path("rejected")).hasSize(1);
  }

  @Test
  void eventTypes_listAndGet_showSchemaView() {
    Http.Response list = http.get("/v1/event-types");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("event_types").findValuesAsText("name")).contains("transaction", "login", "account_update");
    Http.Response tx = http.get("/v1/event-types/transaction");
    assertThat(tx.json().path("built_in").asBoolean()).isTrue();
    assertThat(tx.json().path("fields").path("amount").path("type").asText()).isEqualTo("decimal");
    assertThat(tx.json().path("fields").path("amount").path("min").asInt()).isZero();
    assertThat(tx.json().path("fields").path("currency").path("format").asText()).isEqualTo("currency");
    assertThat(tx.json().path("fields").path("user_id").path("key").asBoolean()).isTrue();
    assertThat(tx.json().path("fields").path("channel").has("allowed")).isFalse();
    assertThat(http.get("/v1/event-types/missing").status()).isEqualTo(404);
  }

  @Test
  void eventTypes_put_createsThenUnchangedThenConflict() {
    String decl = "{\"fields\":{\"payment_id\":{\"type\":\"string\",\"key\":true,\"required\":true},"
        + "\"amount\":{\"type\":\"decimal\",\"min\":0}}}";
    Http.Response created = http.put("/v1/event-types/authorization", "application/json", decl);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/v1/event-types/authorization");
    assertThat(created.json().path("fields").path("payment_id").path("key").asBoolean()).isTrue();
    assertThat(http.put("/v1/event-types/authorization", "application/json", decl).status()).isEqualTo(200);
    Http.Response conflict = http.put("/v1/event-types/authorization", "application/json",
        "{\"fields\":{\"payment_id\":{\"type\":\"string\"}}}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(http.put("/v1/event-types/login", "application/json", decl).status()).isEqualTo(409);
    Http.Response event = http.postJson("/v1/events",
        "{\"event_id\":\"auth-ev\",\"type\":\"authorization\",\"timestamp\":1767225600000,\"amount\":-1}");
    assertThat(event.json().path("rejected").get(0).path("errors").findValuesAsText("field"))
        .containsExactly("payment_id", "amount");
  }

  @Test
  void eventTypes_putInvalid_listsEveryProblem() {
    Http.Response r = http.put("/v1/event-types/Bad-Name", "application/json",
        "{\"fields\":{\"timestamp\":{\"type\":\"string\"},\"n\":{\"type\":\"float\"},"
            + "\"k\":{\"type\":\"integer\",\"key\":true},\"s\":{\"type\":\"string\",\"colour\":1}},\"x\":1}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemType()).isEqualTo("invalid-event-type");
    assertThat(r.json().path("errors").findValuesAsText("field"))
        .contains("x", "fields.n.type", "fields.s.colour", "name", "fields.timestamp", "fields.k");
    assertThat(http.put("/v1/event-types/t", "text/plain", "{}").status()).isEqualTo(415);
    assertThat(http.put("/v1/event-types/t", "application/json", "{\"fields\":").problemType())
        .isEqualTo("malformed-json");
  }

  @Test
  void alerts_listGetAndParameterErrors() {
    Alert a = new Alert("al-1", "velocity", 2, "high", new EntityRef("user_id", "u9"),
        1_767_225_600_000L, 1_767_225_660_000L, 1_767_225_660_000L, List.of("e1", "e2"), "too fast",
        1_767_225_661_000L);
    engine.addAlert(a);
    Http.Response list = http.withToken("reader-token").get("/v1/alerts?rule=velocity&since=2026-01-01T00:00:00Z&limit=10");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("alerts")).hasSize(1);
    assertThat(list.json().has("next_cursor")).isTrue();
    var alert = list.json().path("alerts").get(0);
    assertThat(alert.path("alert_id").asText()).isEqualTo("al-1");
    assertThat(alert.path("entity").path("key").asText()).isEqualTo("u9");
    assertThat(alert.path("window").path("start").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(alert.path("match_time").asText()).isEqualTo(Instant.ofEpochMilli(1_767_225_660_000L).toString());
    assertThat(alert.path("event_ids")).hasSize(2);
    assertThat(http.get("/v1/alerts/al-1").json().path("rule_version").asInt()).isEqualTo(2);
    assertThat(http.get("/v1/alerts/nope").status()).isEqualTo(404);
    for (String bad : List.of("since=yesterday", "limit=0", "limit=5000", "severity=urgent", "colour=red",
        "cursor=%21%21", "since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "rule=a&rule=b")) {
      Http.Response r = http.get("/v1/alerts?" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.problemType()).isEqualTo("invalid-parameter");
      assertThat(r.json().path("parameter").asText()).as(bad).isNotEmpty();
    }
    assertThat(http.withToken(null).get("/v1/alerts").status()).isEqualTo(401);
  }

  @Test
  void randomRequestId_isAVersion4Uuid_andDiffersPerCall() {
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String id = VigilServer.randomRequestId();
      java.util.UUID uuid = java.util.UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      ids.add(id);
    }
    assertThat(ids).hasSize(1_000);
  }
}
