package dev.vigil.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import dev.vigil.api.rules.VersionedSourceProblems;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/decision-sets} and decision webhooks against one real node: the rules directory
 * holds a read-only set deciding {@code login}; the tests deploy API sets deciding
 * {@code transaction} and {@code account_update}, and a real HTTP receiver gets the webhooks.
 */
class DecisionSetsApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = TestNode.ADMIN_KEY;
  private static final String PAYMENTS = """
      decision payment_risk on transaction
        score 60 "big amount" when amount > 1000
        score 30 "foreign"    when country != "DE"
        score 50 "card tested" when alerted(card_testing, 1h)
        block  when score >= 90
        review when score >= 50
        allow  otherwise
      """;

  @TempDir static Path tmp;
  private static TestNode node;
  private static Vertx vertx;
  private static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path data = tmp.resolve("data");
    TestNode.writeRuleFile(data, "logins.vgl", """
        decision login_risk on login
          score 80 "new device" when new_device
          block when score >= 80
          allow otherwise
        """);
    node = TestNode.start(data, Map.of("VIGIL_ADMIN_KEY", KEY, "VIGIL_WEBHOOK_ALLOWLIST", "127.0.0.1"), System.out);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> put(String id, String source) throws Exception {
    return node.put("/v1/decision-sets/" + id, KEY, "text/plain", source);
  }

  private static String tx(String id, String amount, String country) {
    return """
        {"event_id":"%s","type":"transaction","timestamp":"2025-01-01T00:00:00Z","user_id":"u1",\
        "amount":%s,"currency":"EUR","card_id":"c1","country":"%s"}""".formatted(id, amount, country);
  }

  @Test
  void validate_answersThePlan_orEveryErrorWithLineColumnAndCaret() throws Exception {
    HttpResponse<String> ok = node.post("/v1/decision-sets/validate", KEY, "text/plain", PAYMENTS);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode plan = json(ok).get("decisions").get(0);
    assertThat(plan.get("name").asText()).isEqualTo("payment_risk");
    assertThat(plan.get("event_type").asText()).isEqualTo("transaction");
    assertThat(plan.get("scores").get(1).get("rule").asText()).isEqualTo("payment_risk.2");
    assertThat(plan.get("verdicts").get(2).get("when").isNull()).isTrue();

    HttpResponse<String> bad = node.post("/v1/decision-sets/validate", KEY, "text/plain",
        PAYMENTS.replace("amount > 1000", "amout > 1000"));
    assertThat(bad.statusCode()).isEqualTo(422);
    JsonNode p = json(bad);
    assertThat(p.get("type").asText()).endsWith("/invalid-rule");
    assertThat(p.get("line").asInt()).isEqualTo(2);
    assertThat(p.get("column").asInt()).isEqualTo(30);
    assertThat(p.get("diagnostics").get(0).get("rendered").asText()).contains("source.vgl:2:30").contains("^^^^^");

    HttpResponse<String> withRule = node.post("/v1/decision-sets/validate", KEY, "text/plain",
        PAYMENTS + "rule big when transaction where amount > 1 alert \"x\"\n");
    assertThat(withRule.statusCode()).isEqualTo(400);
    assertThat(json(withRule).get("type").asText()).endsWith("/invalid-decision-set");
  }

  @Test
  void put_versions_rollback_andDecisionsReportTheAnsweringVersion() throws Exception {
    HttpResponse<String> created = put("payments", PAYMENTS);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/v1/decision-sets/payments");
    assertThat(json(created).get("author").asText()).isNotEqualTo("unknown");
    assertThat(put("payments", PAYMENTS).statusCode()).isEqualTo(200);
    HttpResponse<String> v2 = put("payments", PAYMENTS.replace("score 60", "score 10"));
    assertThat(json(v2).get("version").asInt()).isEqualTo(2);

    JsonNode small = json(node.postJson("/v1/decisions", KEY, tx("p1", "5000", "DE")));
    assertThat(small.get("decision").asText()).isEqualTo("allow");
    assertThat(small.get("set").asText()).isEqualTo("payments");
    assertThat(small.get("version").asInt()).isEqualTo(2);

    HttpResponse<String> back = node.postJson("/v1/decision-sets/payments/rollback", KEY, "{\"version\":1}");
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    JsonNode big = json(node.postJson("/v1/decisions", KEY, tx("p2", "5000", "DE")));
    assertThat(big.get("decision").asText()).isEqualTo("review");
    assertThat(big.get("version").asInt()).isEqualTo(1);

    JsonNode versions = json(node.get("/v1/decision-sets/payments/versions", KEY)).get("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("active").asBoolean()).isTrue();
    assertThat(versions.get(1).get("source").asText()).contains("score 10");
    JsonNode one = json(node.get("/v1/decision-sets/payments", KEY));
    assertThat(one.get("decisions").get(0).get("name").asText()).isEqualTo("payment_risk");
    assertThat(one.get("source").asText()).isEqualTo(PAYMENTS);
    JsonNode list = json(node.get("/v1/decision-sets", KEY)).get("decision_sets");
    assertThat(list.get(0).get("id").asText()).isEqualTo("logins");
    assertThat(list.get(0).get("origin").asText()).isEqualTo("file");

    assertThat(node.postJson("/v1/decision-sets/payments/rollback", KEY, "{\"version\":7}").statusCode()).isEqualTo(404);
    assertThat(node.postJson("/v1/decision-sets/nope/rollback", KEY, "{\"version\":1}").statusCode()).isEqualTo(404);
  }

  @Test
  void refusals_areProblems_andChangeNothing() throws Exception {
    HttpResponse<String> readOnly = put("logins", "decision l on login\n  allow otherwise\n");
    assertThat(readOnly.statusCode()).isEqualTo(409);
    assertThat(json(readOnly).get("type").asText()).endsWith("/decision-set-read-only");
    HttpResponse<String> conflict = put("other_logins", "decision l2 on login\n  allow otherwise\n");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(json(conflict).get("type").asText()).endsWith("/decision-set-conflict");
    HttpResponse<String> broken = put("broken", "decision b on account_update\n  block when\n");
    assertThat(broken.statusCode()).isEqualTo(422);
    assertThat(json(broken).get("diagnostics").get(0).get("rendered").asText()).contains("broken.vgl:");
    assertThat(put("Bad_Id", PAYMENTS).statusCode()).isEqualTo(400);
    assertThat(node.get("/v1/decision-sets/broken", KEY).statusCode()).isEqualTo(404);
    assertThat(node.put("/v1/decision-sets/x", KEY, "application/xml", "<x/>").statusCode()).isEqualTo(415);
    assertThat(put("x", "decision x on login\n  allow otherwise\n").statusCode()).isEqualTo(409);
    assertThat(node.get("/v1/decision-sets", null).statusCode()).isEqualTo(401);
  }

  @Test
  void unknownSet_badVersion_badDryRun_areProblems() throws Exception {
    VersionedSourceProblems.check(node, KEY, "/v1/decision-sets", "decision set", PAYMENTS);
    HttpResponse<String> r = node.delete("/v1/decision-sets/ghost", KEY);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("type").asText()).endsWith("/decision-set-not-found");
  }

  @Test
  void delete_stopsTheSet_andKeepsItsVersionNumbers() throws Exception {
    assertThat(put("updates", "decision upd on account_update\n  review otherwise\n").statusCode()).isEqualTo(201);
    String event = """
        {"event_id":"%s","type":"account_update","timestamp":"2025-01-01T00:00:00Z","user_id":"u1","field":"email"}""";
    assertThat(json(node.postJson("/v1/decisions?dry_run=true", KEY, event.formatted("u1"))).get("decision").asText())
        .isEqualTo("review");
    assertThat(node.delete("/v1/decision-sets/updates", KEY).statusCode()).isEqualTo(204);
    assertThat(node.postJson("/v1/decisions?dry_run=true", KEY, event.formatted("u2")).statusCode()).isEqualTo(422);
    assertThat(json(put("updates", "decision upd on account_update\n  allow otherwise\n")).get("version").asInt())
        .isEqualTo(2);
    assertThat(node.delete("/v1/decision-sets/updates", KEY).statusCode()).isEqualTo(204);
  }

  @Test
  void test_decidesDraftsWithGivenInputs_withoutSideEffects() throws Exception {
    String body = JSON.writeValueAsString(Map.of(
        "source", PAYMENTS,
        "events", List.of(JSON.readTree(tx("t1", "5000", "FR")), JSON.readTree(tx("t2", "10", "DE"))),
        "inputs", List.of(Map.of("name", "alerted(card_testing, 1h)", "value", true))));
    HttpResponse<String> r = node.postJson("/v1/decision-sets/test", KEY, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode decisions = json(r).get("decisions");
    assertThat(decisions.get(0).get("decision").asText()).isEqualTo("block");
    assertThat(decisions.get(0).get("score").asInt()).isEqualTo(140);
    assertThat(decisions.get(1).get("decision").asText()).isEqualTo("review");
    assertThat(decisions.get(1).get("inputs").get(0).get("value").asText()).isEqualTo("true");
    assertThat(node.get("/v1/decisions/t1", KEY).statusCode()).isEqualTo(404);
    assertThat(json(node.postJson("/v1/events", KEY, tx("t1", "5000", "FR"))).get("accepted").asInt()).isEqualTo(1);

    String noType = JSON.writeValueAsString(Map.of("source", PAYMENTS, "events", List.of(JSON.readTree(
        "{\"event_id\":\"l1\",\"type\":\"login\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"user_id\":\"u1\"}"))));
    assertThat(node.postJson("/v1/decision-sets/test", KEY, noType).statusCode()).isEqualTo(422);
    String badInputs = JSON.writeValueAsString(Map.of("source", PAYMENTS, "events", List.of(), "inputs", "x"));
    assertThat(node.postJson("/v1/decision-sets/test", KEY, badInputs).statusCode()).isEqualTo(400);
  }

  @Test
  void blockAndReview_areSignedWebhooks_withAStableId_forSubscribersOfThoseEvents() throws Exception {
    int port = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      received.add(Map.of("id", req.getHeader("webhook-id"), "ts", req.getHeader("webhook-timestamp"),
          "sig", req.getHeader("webhook-signature"), "body", b.toString()));
      req.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1").await().actualPort();
    String url = "http://127.0.0.1:" + port + "/hook";
    HttpResponse<String> sub = node.postJson("/v1/subscriptions", KEY, JSON.writeValueAsString(Map.of("url", url,
        "filter", Map.of("events", List.of("decision.block", "decision.review")))));
    assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
    assertThat(json(sub).get("filter").get("events").toString()).isEqualTo("[\"decision.review\",\"decision.block\"]");
    String secret = json(sub).get("secret").asText();
    HttpResponse<String> alertsOnly = node.postJson("/v1/subscriptions", KEY,
        JSON.writeValueAsString(Map.of("url", url + "?alerts")));
    assertThat(json(alertsOnly).get("filter").get("events").toString()).isEqualTo("[\"alert.created\"]");
    assertThat(node.postJson("/v1/subscriptions", KEY, JSON.writeValueAsString(Map.of("url", url,
        "filter", Map.of("events", List.of("decision.allow"))))).statusCode()).isEqualTo(400);

    put("hooks", "decision hook_risk on account_update\n  block when field == \"email\"\n  allow otherwise\n");
    String event = """
        {"event_id":"%s","type":"account_update","timestamp":"2025-01-01T00:00:00Z","user_id":"u1","field":"%s"}""";
    node.postJson("/v1/decisions", KEY, event.formatted("w1", "email"));
    node.postJson("/v1/decisions", KEY, event.formatted("w2", "phone"));
    node.postJson("/v1/decisions", KEY, event.formatted("w1", "email"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
    Map<String, String> hook = received.get(0);
    JsonNode body = JSON.readTree(hook.get("body"));
    assertThat(body.get("type").asText()).isEqualTo("decision.block");
    assertThat(body.get("data").get("event_id").asText()).isEqualTo("w1");
    assertThat(body.get("data").get("set").asText()).isEqualTo("hooks");
    assertThat(hook.get("id")).isEqualTo("dec.hooks.1." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString("w1".getBytes(StandardCharsets.UTF_8)));
    assertThat(hook.get("sig").split(" ")).contains(sign(secret, hook.get("id"), hook.get("ts"), hook.get("body")));
    String subId = json(sub).get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> json(node.get("/v1/subscriptions/" + subId + "/deliveries", KEY))
        .get("deliveries").get(0).get("state").asText().equals("delivered"));
    assertThat(json(node.get("/v1/subscriptions/" + subId + "/deliveries", KEY)).get("deliveries")).hasSize(1);
    assertThat(received).hasSize(1);
  }

  private static String sign(String secret, String id, String ts, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
