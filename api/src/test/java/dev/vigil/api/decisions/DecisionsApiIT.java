package dev.vigil.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST/GET /v1/decisions against a real node whose rules.dir holds a decision. */
class DecisionsApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = TestNode.ADMIN_KEY;

  @TempDir Path tmp;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    Path data = tmp.resolve("data");
    TestNode.writeRuleFile(data, "risk.vgl", """
        decision risk on transaction
          score 60 "big amount" when amount > 1000
          score 30 "foreign"    when country != "DE"
          block  when score >= 90
          review when score >= 50
          allow  otherwise
        """);
    node = TestNode.start(data);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static String tx(String id, String amount, String country) {
    return """
        {"event_id":"%s","type":"transaction","timestamp":"2025-01-01T00:00:00Z","user_id":"u1",\
        "amount":%s,"currency":"EUR","card_id":"c1","country":"%s"}""".formatted(id, amount, country);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void decide_answersSynchronously_logs_andIngestsOnce() throws Exception {
    HttpResponse<String> r = node.postJson("/v1/decisions", KEY, tx("d1", "5000", "FR"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("decision").asText()).isEqualTo("block");
    assertThat(body.get("score").asInt()).isEqualTo(90);
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("reasons").toString()).isEqualTo(
        "[{\"rule\":\"risk.1\",\"points\":60,\"label\":\"big amount\"},{\"rule\":\"risk.2\",\"points\":30,\"label\":\"foreign\"}]");

    HttpResponse<String> again = node.postJson("/v1/decisions", KEY, tx("d1", "1", "DE"));
    assertThat(json(again).get("decision").asText()).isEqualTo("block");

    HttpResponse<String> ingest = node.postJson("/v1/events", KEY, tx("d1", "5000", "FR"));
    assertThat(json(ingest).get("duplicates").asInt()).as(ingest.body()).isEqualTo(1);

    JsonNode logged = json(node.get("/v1/decisions/d1", KEY));
    assertThat(logged.get("event_type").asText()).isEqualTo("transaction");
    assertThat(logged.get("decided_at").asText()).endsWith("Z");
    JsonNode list = json(node.get("/v1/decisions?decision=block", KEY));
    assertThat(list.get("decisions")).hasSize(1);
    assertThat(json(node.get("/v1/decisions?decision=allow", KEY)).get("decisions")).isEmpty();
  }

  @Test
  void decide_eventAlreadyIngested_storesTheDecision_andTheEventStaysOnce() throws Exception {
    assertThat(json(node.postJson("/v1/events", KEY, tx("d3", "5000", "FR"))).get("accepted").asInt()).isEqualTo(1);
    HttpResponse<String> r = node.postJson("/v1/decisions", KEY, tx("d3", "5000", "FR"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(node.get("/v1/decisions/d3", KEY)).get("decision").asText()).isEqualTo("block");
    assertThat(json(node.postJson("/v1/events", KEY, tx("d3", "5000", "FR"))).get("duplicates").asInt()).isEqualTo(1);
  }

  @Test
  void decide_recordsEveryStage_inTheStageTimer() throws Exception {
    assertThat(node.postJson("/v1/decisions", KEY, tx("d4", "10", "DE")).statusCode()).isEqualTo(200);
    String metrics = node.get("/metrics", KEY).body();
    for (String stage : java.util.List.of("queue", "parse", "lookup", "statistics", "alerts", "rules", "store",
        "ingest", "commit", "sync", "render")) {
      assertThat(metrics).as(stage).containsPattern(
          "vigil_decisions_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*\\} [1-9]");
    }
  }

  @Test
  void dryRun_isNotLoggedNorIngested() throws Exception {
    HttpResponse<String> r = node.postJson("/v1/decisions?dry_run=true", KEY, tx("d2", "10", "DE"));
    assertThat(json(r).get("decision").asText()).isEqualTo("allow");
    assertThat(json(r).get("dry_run").asBoolean()).isTrue();
    assertThat(node.get("/v1/decisions/d2", KEY).statusCode()).isEqualTo(404);
    assertThat(json(node.postJson("/v1/events", KEY, tx("d2", "10", "DE"))).get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void badRequests_areProblems() throws Exception {
    assertThat(node.postJson("/v1/decisions", KEY, "[" + tx("a", "1", "DE") + "," + tx("b", "1", "DE") + "]")
        .statusCode()).isEqualTo(400);
    HttpResponse<String> invalid = node.postJson("/v1/decisions", KEY, "{\"event_id\":\"x\",\"type\":\"transaction\"}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    HttpResponse<String> noDecision = node.postJson("/v1/decisions", KEY,
        "{\"event_id\":\"y\",\"type\":\"login\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"user_id\":\"u1\"}");
    assertThat(noDecision.statusCode()).as(noDecision.body()).isEqualTo(422);
    assertThat(json(noDecision).get("type").asText()).endsWith("/no-decision");
    assertThat(node.postJson("/v1/decisions?dry_run=yes", KEY, tx("z", "1", "DE")).statusCode()).isEqualTo(400);
    assertThat(node.get("/v1/decisions?decision=maybe", KEY).statusCode()).isEqualTo(400);
    assertThat(node.post("/v1/decisions", KEY, "application/x-ndjson", tx("z", "1", "DE")).statusCode()).isEqualTo(415);
    assertThat(node.postJson("/v1/decisions", null, tx("z", "1", "DE")).statusCode()).isEqualTo(401);
  }
}
