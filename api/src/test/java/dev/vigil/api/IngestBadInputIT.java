package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.testing.Http;
import dev.vigil.engine.Engine;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of issue 2 against the real server and the real engine (RocksDB under a
 * temp dir, one Esper rule that alerts on every login). Each bad input gets its precise status
 * or per-item error; after each case a fresh valid event is still accepted (the server stays
 * healthy); valid items of mixed batches are processed exactly once, checked through the
 * engine's delivery counter and the alerts API.
 *
 * <p>Limits are the defaults except a 1 MiB body and 1 000 events per batch, so the oversize
 * cases stay cheap; the code paths are the same as with the defaults.
 */
class IngestBadInputIT {
  static final String TOKEN = "it-admin-key-for-bad-input-0123";
  static final ApiLimits LIMITS = ApiLimits.defaults().withMaxBodyBytes(1024 * 1024).withMaxBatchEvents(1000);
  static final String RULE =
      "@Name('each_login') @Tag(name='severity', value='low') @Tag(name='by', value='user_id')\n"
          + "select user_id, event_id from login";

  @TempDir static Path dataDir;
  static TestNode node;
  static Engine engine;
  static MeterRegistry meters;
  static Http http;
  static final AtomicInteger probes = new AtomicInteger();
  static final AtomicLong acceptedTotal = new AtomicLong();

  /** A real node (real auth, engine, store) with the limits above and one rule. */
  @BeforeAll
  static void start() throws Exception {
    Path rules = Files.createDirectories(dataDir.resolve("rules"));
    Files.writeString(rules.resolve("it.epl"), RULE);
    node = TestNode.start(dataDir.resolve("data"), Map.of(
        "VIGIL_ADMIN_KEY", TOKEN,
        "VIGIL_RULES_DIR", rules.toString(),
        "VIGIL_ENGINE_SHARDS", "2",
        // Events are stamped with the wall clock just before they are sent. Idle progress moves
        // the watermark up to wall-clock now minus the lateness, so a lateness of 0 would make
        // them late by a few ms; 1 s covers that and keeps awaitIdle short (idle progress 50 ms).
        "VIGIL_ENGINE_ALLOWED_LATENESS", "1s",
        "VIGIL_ENGINE_IDLE_TIMEOUT", "50ms",
        "VIGIL_LIMITS_MAX_BODY_BYTES", Long.toString(LIMITS.maxBodyBytes()),
        "VIGIL_LIMITS_MAX_BATCH_EVENTS", Integer.toString(LIMITS.maxBatchEvents())), System.out);
    engine = node.node.engine();
    meters = node.node.meters();
    http = new Http(node.node.port(), TOKEN);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** The server stays healthy: a fresh valid event is accepted after every case. */
  @AfterEach
  void serverStillAcceptsValidEvents() {
    Http.Response r = ingest("application/json", login("probe-" + probes.incrementAndGet(), "probe"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
  }

  static long ts(int secondsAgo) {
    return Instant.now().minusSeconds(secondsAgo).toEpochMilli();
  }

  static String login(String id, String user) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"login\",\"timestamp\":" + ts(60)
        + ",\"user_id\":\"" + user + "\",\"success\":true}";
  }

  static String tx(String id, String extra) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"transaction\",\"timestamp\":" + ts(60)
        + ",\"user_id\":\"u1\",\"currency\":\"EUR\"," + extra + "}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Http.Response ingest(String contentType, String body) {
    return ingest(contentType, utf8(body));
  }

  static Http.Response ingest(String contentType, byte[] body) {
    Http.Response r = http.post("/v1/events", contentType, body);
    if (r.status() == 202) {
      acceptedTotal.addAndGet(r.json().path("accepted").asLong());
    }
    return r;
  }

  /** A body the server must refuse as a whole: status and problem type. */
  record Refused(String name, String contentType, byte[] body, int status, String problemType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refused> refusedBodies() {
    ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
    badUtf8.writeBytes(utf8("{\"event_id\":\"u8\",\"type\":\"login\",\"user_id\":\""));
    badUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    badUtf8.writeBytes(utf8("\"}"));
    StringBuilder bigBatch = new StringBuilder("[");
    for (int i = 0; i <= LIMITS.maxBatchEvents(); i++) {
      bigBatch.append(i == 0 ? "" : ",").append(login("big-" + i, "u"));
    }
    bigBatch.append(']');
    return Stream.of(
        new Refused("malformed JSON", "application/json", utf8("{\"event_id\": }"), 400, "malformed-json"),
        new Refused("truncated body", "application/json",
            utf8("[" + login("tr-1", "u") + ",{\"event_id\":\"tr-2\",\"ty"), 400, "malformed-json"),
        new Refused("invalid UTF-8", "application/json", badUtf8.toByteArray(), 400, "invalid-utf8"),
        new Refused("NaN", "application/json", utf8(tx("nan-1", "\"amount\":NaN")), 400, "malformed-json"),
        new Refused("Infinity", "application/json", utf8(tx("inf-1", "\"amount\":Infinity")), 400, "malformed-json"),
        new Refused("duplicate keys", "application/json",
            utf8(tx("dk-1", "\"amount\":1,\"amount\":1000")), 400, "malformed-json"),
        new Refused("10 000-deep nesting", "application/json",
            utf8("[".repeat(10_000) + "]".repeat(10_000)), 400, "json-limit-exceeded"),
        new Refused("number too long", "application/json",
            utf8(tx("nl-1", "\"amount\":" + "9".repeat(101))), 400, "json-limit-exceeded"),
        new Refused("string too long", "application/json",
            utf8(tx("sl-1", "\"amount\":1,\"note\":\"" + "x".repeat(LIMITS.maxStringLength() + 1) + "\"")),
            400, "json-limit-exceeded"),
        new Refused("empty body", "application/json", new byte[0], 400, "empty-batch"),
        new Refused("empty array", "application/json", utf8("[]"), 400, "empty-batch"),
        new Refused("scalar body", "application/json", utf8("\"hello\""), 400, "invalid-body"),
        new Refused("oversize body", "application/json",
            utf8("[" + " ".repeat((int) LIMITS.maxBodyBytes()) + "]"), 413, "body-too-large"),
        new Refused("oversize batch", "application/json", utf8(bigBatch.toString()), 413, "batch-too-large"),
        new Refused("oversize NDJSON batch", "application/x-ndjson",
            utf8(bigBatch.substring(1, bigBatch.length() - 1).replace("},{", "}\n{")), 413, "batch-too-large"),
        new Refused("wrong content type", "text/plain", utf8(login("ct-1", "u")), 415, "unsupported-media-type"),
        new Refused("no content type", null, utf8(login("ct-2", "u")), 415, "unsupported-media-type"),
        new Refused("latin-1 charset", "application/json; charset=ISO-8859-1", utf8(login("ct-3", "u")),
            415, "unsupported-media-type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedBodies")
  void ingest_unusableBody_isRefusedWithProblem(Refused c) {
    long before = acceptedTotal.get();
    Http.Response r = ingest(c.contentType(), c.body());
    assertThat(r.status()).isEqualTo(c.status());
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.problemType()).isEqualTo(c.problemType());
    assertThat(r.json().path("status").asInt()).isEqualTo(c.status());
    assertThat(r.json().path("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
    assertThat(acceptedTotal.get()).isEqualTo(before);
  }

  @Test
  void ingest_malformedJson_problemCarriesLocation() {
    Http.Response r = ingest("application/json", "[\n" + login("loc-1", "u") + ",\n  {\"event_id\" \"x\"}\n]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("line").asInt()).isEqualTo(3);
    assertThat(r.json().path("column").asInt()).isEqualTo(15);
    assertThat(r.json().path("byte_offset").asLong()).isPositive();
    assertThat(r.json().path("detail").asText()).isNotBlank();
  }

  /** An item the server must reject alone: its field and a fragment of the reason. */
  record ItemCase(String name, String item, String field, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ItemCase> rejectedItems() {
    String future = Instant.now().plus(Duration.ofHours(1)).toString();
    return Stream.of(
        new ItemCase("amount as string", tx("it-1", "\"amount\":\"12.50\""), "amount", "must be a number"),
        new ItemCase("key as number", tx("it-2", "\"amount\":1,\"card_id\":4"), "card_id", "must be a string"),
        new ItemCase("boolean as string", login("it-3", "u").replace("true", "\"yes\""), "success", "must be true or false"),
        new ItemCase("missing required", tx("it-4", "\"amount\":1").replace("\"user_id\":\"u1\",", ""), "user_id", "is required"),
        new ItemCase("missing event_id", login("it-5", "u").replace("\"event_id\":\"it-5\",", ""), "event_id", "is required"),
        new ItemCase("1e1000000", tx("it-6", "\"amount\":1e1000000"), "amount", "number out of range"),
        new ItemCase("negative amount", tx("it-7", "\"amount\":-5"), "amount", "must be >= 0"),
        new ItemCase("unknown event type", login("it-8", "u").replace("\"login\"", "\"logout\""), "type", "unknown event type \"logout\""),
        new ItemCase("far-future timestamp",
            "{\"event_id\":\"it-9\",\"type\":\"login\",\"timestamp\":\"" + future + "\",\"user_id\":\"u\"}",
            "timestamp", "ahead of the server clock"),
        new ItemCase("timestamp without offset",
            "{\"event_id\":\"it-10\",\"type\":\"login\",\"timestamp\":\"2026-01-01T10:00:00\",\"user_id\":\"u\"}",
            "timestamp", "RFC 3339"),
        new ItemCase("not an object", "[1,2]", "$", "must be a JSON object"),
        new ItemCase("event too large", tx("it-11", "\"amount\":1,\"pad\":\"" + "x".repeat(LIMITS.maxEventBytes()) + "\""),
            "$", "more than the limit of " + LIMITS.maxEventBytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedItems")
  void ingest_badItemInBatch_isRejectedAlone(ItemCase c) {
    String goodId = "good-" + c.name().replace(' ', '-');
    Http.Response r = ingest("application/json", "[" + login(goodId, "item-cases") + "," + c.item() + "]");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
    JsonNode rejected = r.json().path("rejected");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).path("index").asInt()).isEqualTo(1);
    JsonNode errors = rejected.get(0).path("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).path("field").asText()).isEqualTo(c.field());
    assertThat(errors.get(0).path("reason").asText()).contains(c.reason());
  }

  @Test
  void ingest_duplicateIdsInOneBatch_laterOnesAreDuplicates() {
    Http.Response r = ingest("application/json",
        "[" + login("dup-1", "d") + "," + login("dup-1", "d") + "," + login("dup-2", "d") + "," + login("dup-1", "d") + "]");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(r.json().path("duplicates").asInt()).isEqualTo(2);
    assertThat(r.json().path("duplicate_items").findValuesAsText("index")).containsExactly("1", "3");
  }

  @Test
  void ingest_ndjsonWithBadLines_rejectsThoseLinesOnly() {
    String body = login("nd-1", "nd") + "\n{\"event_id\": NaN}\n\n[]\n" + login("nd-2", "nd") + "\n";
    Http.Response r = ingest("application/x-ndjson", body);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
    JsonNode rejected = r.json().path("rejected");
    assertThat(rejected.findValuesAsText("index")).containsExactly("1", "2");
    assertThat(rejected.get(0).path("errors").get(0).path("reason").asText()).startsWith("invalid JSON at line 2 column");
    assertThat(rejected.get(1).path("errors").get(0).path("reason").asText()).contains("must be a JSON object");
  }

  @Test
  void ingest_mixedBatch_validItemsProcessedExactlyOnce() throws Exception {
    // Wait first, then stamp the events: idle progress moves the watermark with the wall clock,
    // so events stamped before a wait could be late.
    double processedBefore = processed();
    long acceptedBefore = acceptedTotal.get();
    String batch = "[" + login("once-a", "once-user") + ","
        + tx("once-bad", "\"amount\":\"x\"") + ","
        + login("once-b", "once-user") + ","
        + login("once-a", "once-user") + "]";

    Http.Response first = ingest("application/json", batch);
    assertThat(first.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(first.json().path("duplicates").asInt()).isEqualTo(1);
    assertThat(first.json().path("late").asInt()).isZero();
    assertThat(first.json().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    Http.Response again = ingest("application/json", batch);
    assertThat(again.json().path("accepted").asInt()).isZero();
    assertThat(again.json().path("duplicates").asInt()).isEqualTo(3);

    assertThat(engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<String> ids = new ArrayList<>();
      http.get("/v1/alerts?rule=each_login&entity_key=once-user&limit=100")
          .json().path("alerts").forEach(a -> a.path("event_ids").forEach(id -> ids.add(id.asText())));
      assertThat(ids).containsExactlyInAnyOrder("once-a", "once-b");
    });
    // Every accepted event of this test (and the probes run meanwhile) was delivered once.
    assertThat(processed() - processedBefore).isEqualTo((double) (acceptedTotal.get() - acceptedBefore));
  }

  static double processed() throws InterruptedException {
    engine.awaitIdle(Duration.ofSeconds(30));
    return meters.find("vigil.engine.events.processed").counters().stream().mapToDouble(Counter::count).sum();
  }
}
