package dev.vigil.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.Node;
import dev.vigil.api.StartupException;
import dev.vigil.api.TestNode;
import dev.vigil.api.config.VigilConfig;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The /v1/rules contract on a real node: status codes, bodies, problems with line and column. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = TestNode.ADMIN_KEY;
  static final String BIG = """
      rule big_spend
        severity high
        by user_id
        when transaction where amount > 100
        alert "big {amount}"
      """;

  @TempDir static Path tmp;
  TestNode node;

  @BeforeAll
  void start() throws Exception {
    Path data = tmp.resolve("data");
    TestNode.writeRuleFile(data, "file_rule.vgl", "rule file_rule\n  when login where new_device\n");
    node = TestNode.start(data);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  HttpResponse<String> put(String path, String contentType, String body) throws Exception {
    return send(HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void validate_goodSource_answersThePlanWithEpl() throws Exception {
    HttpResponse<String> r = node.post("/v1/rules/validate", KEY, "text/plain", BIG);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode rule = json(r).get("rules").get(0);
    assertThat(json(r).get("valid").asBoolean()).isTrue();
    assertThat(rule.get("id").asText()).isEqualTo("big_spend");
    assertThat(rule.get("kind").asText()).isEqualTo("filter");
    assertThat(rule.get("by").asText()).isEqualTo("user_id");
    assertThat(rule.get("epl").asText()).contains("@Name('big_spend')");
  }

  @Test
  void validate_badSource_422WithEveryErrorLocated() throws Exception {
    String bad = "rule a\n  when transaction where amout > 1\nrule b\n  when transaction where amount >\n";
    HttpResponse<String> r = node.postJson("/v1/rules/validate", KEY, JSON.writeValueAsString(Map.of("source", bad)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.get("type").asText()).endsWith("/invalid-rule");
    assertThat(p.get("line").asInt()).isPositive();
    JsonNode d = p.get("diagnostics");
    assertThat(d.size()).isGreaterThanOrEqualTo(1);
    assertThat(d.get(0).get("rendered").asText()).contains("source.vgl:").contains("^");
    assertThat(d.get(0).has("column")).isTrue();
  }

  @Test
  void validate_wrongMediaType_415_andNoKey_401() throws Exception {
    assertThat(node.post("/v1/rules/validate", KEY, "application/xml", BIG).statusCode()).isEqualTo(415);
    assertThat(node.post("/v1/rules/validate", null, "text/plain", BIG).statusCode()).isEqualTo(401);
    assertThat(node.postJson("/v1/rules/validate", KEY, "{\"src\":1}").statusCode()).isEqualTo(400);
  }

  @Test
  void put_versionsRollbackDisableDelete() throws Exception {
    String src = BIG.replace("big_spend", "life");
    HttpResponse<String> r = put("/v1/rules/life", "text/plain", src);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/v1/rules/life");
    assertThat(json(r).get("version").asInt()).isEqualTo(1);
    assertThat(put("/v1/rules/life", "text/plain", src).statusCode()).isEqualTo(200);
    long t0 = System.nanoTime();
    r = put("/v1/rules/life", "application/json", JSON.writeValueAsString(Map.of("source", src.replace("100", "200"))));
    // A measurement for the record (logged, not asserted): test logging is at WARN.
    org.slf4j.LoggerFactory.getLogger(RulesApiIT.class)
        .warn("MEASURE PUT /v1/rules/{id} (new version into a running node): {} ms", (System.nanoTime() - t0) / 1_000_000);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("version").asInt()).isEqualTo(2);
    JsonNode versions = json(node.get("/v1/rules/life/versions", KEY)).get("versions");
    assertThat(versions.size()).isEqualTo(2);
    assertThat(versions.get(0).get("author").asText()).isNotEqualTo("unknown");
    assertThat(versions.get(1).get("active").asBoolean()).isTrue();
    r = node.postJson("/v1/rules/life/rollback", KEY, "{\"version\":1}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("version").asInt()).isEqualTo(1);
    assertThat(node.postJson("/v1/rules/life/rollback", KEY, "{\"version\":9}").statusCode()).isEqualTo(404);
    r = node.post("/v1/rules/life/disable", KEY, "application/json", "");
    assertThat(json(r).get("running").asBoolean()).isFalse();
    r = node.post("/v1/rules/life/enable", KEY, "application/json", "");
    assertThat(json(r).get("running").asBoolean()).isTrue();
    assertThat(json(node.get("/v1/rules", KEY)).get("rules").findValuesAsText("id")).contains("life", "file_rule");
    assertThat(node.delete("/v1/rules/life", KEY).statusCode()).isEqualTo(204);
    assertThat(node.get("/v1/rules/life", KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void put_problems_badRuleIdMismatchFileRule() throws Exception {
    HttpResponse<String> r = put("/v1/rules/x1", "text/plain", "rule x1\n  when transaction where amout > 1\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(json(r).get("line").asInt()).isEqualTo(2);
    assertThat(json(r).get("column").asInt()).isEqualTo(26);
    assertThat(json(r).get("diagnostics").get(0).get("hint").asText()).contains("amount");
    r = put("/v1/rules/other", "text/plain", BIG);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("type").asText()).endsWith("/invalid-rule-request");
    r = put("/v1/rules/file_rule", "text/plain", "rule file_rule\n  when login where success\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(json(r).get("type").asText()).endsWith("/rule-read-only");
  }

  @Test
  void unknownRule_badVersion_badDryRun_areProblems() throws Exception {
    VersionedSourceProblems.check(node, KEY, "/v1/rules", "rule", BIG);
  }

  @Test
  void deployedRule_countsMatchesInTheRuleAndInMetrics() throws Exception {
    assertThat(put("/v1/rules/metered", "text/plain", BIG.replace("big_spend", "metered")).statusCode()).isEqualTo(201);
    String event = TestNode.transaction("met-1").replace("12.50", "512.50").replace("\"u1\"", "\"u-met\"");
    assertThat(node.postJson("/v1/events", KEY, event).statusCode()).isEqualTo(202);
    assertThat(node.node.engine().awaitIdle(Duration.ofSeconds(30))).isTrue();
    JsonNode stats = json(node.get("/v1/rules/metered", KEY)).get("stats");
    assertThat(stats.get("alerts").asLong()).isEqualTo(1);
    assertThat(stats.get("matches").asLong()).isEqualTo(1);
    assertThat(stats.get("last_match_at").isNull()).isFalse();
    String metrics = node.get("/metrics", KEY).body();
    assertThat(metrics).contains("vigil_rule_alerts_total{rule=\"metered\"} 1.0");
    assertThat(metrics).contains("vigil_rule_matches_total{rule=\"metered\"} 1.0");
  }

  @Test
  void test_draftRules_answerAlertsWithoutSideEffects() throws Exception {
    String events = "[" + TestNode.transaction("dry-1").replace("12.50", "900") + ","
        + TestNode.transaction("dry-2") + "]";
    String body = "{\"source\":" + JSON.writeValueAsString(BIG.replace("big_spend", "dry")) + ",\"events\":" + events + "}";
    HttpResponse<String> r = node.postJson("/v1/rules/test", KEY, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode alerts = json(r).get("alerts");
    assertThat(alerts.size()).isEqualTo(1);
    assertThat(alerts.get(0).get("event_ids").get(0).asText()).isEqualTo("dry-1");
    assertThat(alerts.get(0).get("message").asText()).isEqualTo("big 900");
    assertThat(node.get("/v1/rules/dry", KEY).statusCode()).isEqualTo(404);
    assertThat(node.node.engine().alerts().query(dev.vigil.engine.AlertQuery.firstPage(10)).alerts())
        .noneMatch(a -> a.ruleId().equals("dry"));
    r = node.postJson("/v1/rules/test", KEY, body.replace("\"EUR\"", "\"EURO\""));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(json(r).get("type").asText()).endsWith("/invalid-events");
    assertThat(json(r).get("rejected").get(0).get("errors").get(0).get("field").asText()).isEqualTo("currency");
  }

  @Test
  void start_withBadRuleFile_failsWithCaret() throws Exception {
    Path data = tmp.resolve("bad");
    Path rules = Files.createDirectories(tmp.resolve("bad-rules"));
    Files.writeString(rules.resolve("broken.vgl"), "rule broken\n  when transaction where amount >> 5\n");
    Map<String, String> env = TestNode.env(data, Map.of("VIGIL_ADMIN_KEY", KEY));
    assertThatThrownBy(() -> Node.start(VigilConfig.fromEnv(env), new PrintStream(java.io.OutputStream.nullOutputStream())))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("broken.vgl:2:")
        .hasMessageContaining("^");
  }
}
