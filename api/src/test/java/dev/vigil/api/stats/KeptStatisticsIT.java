package dev.vigil.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node keeping statistics for users only, counting distinct countries only (what the README
 * suggests for the sample rules: {@code VIGIL_STATS_ENTITY_KEYS=user_id VIGIL_STATS_DIMENSIONS=country}).
 */
class KeptStatisticsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BY_CARD =
      "rule card_outlier\n  by card_id\n  when transaction where zscore(amount) > 3\n";
  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir.resolve("data"), Map.of("VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY,
        "VIGIL_RULES_DIR", "", "VIGIL_STATS_ENTITY_KEYS", "user_id", "VIGIL_STATS_DIMENSIONS", "country"),
        System.out);
    String body = """
        {"event_id":"ks-1","type":"transaction","timestamp":"2026-11-20T14:00:00Z","user_id":"ks-u1",\
        "amount":12.5,"currency":"EUR","card_id":"ks-c1","merchant_id":"ks-m1","country":"DE"}
        """;
    node.ingestEvaluated(body);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void keptKey_servesStatistics_otherKeys_are404StatisticsNotKept() throws Exception {
    HttpResponse<String> user = node.get("/v1/entities/user/ks-u1/stats", TestNode.ADMIN_KEY);
    assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
    assertThat(JSON.readTree(user.body()).at("/event_count").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(user.body()).at("/distinct").fieldNames()).toIterable().containsExactly("country");
    // The bundled sample rules and decision set (no rules.dir) read only users' statistics and
    // distinct countries: they loaded.
    assertThat(node.node.engine().rules()).isNotEmpty();
    assertThat(node.node.engine().decisions().sets()).isNotEmpty();
    for (String entity : new String[] {"card/ks-c1", "merchant/ks-m1"}) {
      HttpResponse<String> res = node.get("/v1/entities/" + entity + "/stats", TestNode.ADMIN_KEY);
      assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode p = JSON.readTree(res.body());
      assertThat(p.at("/type").asText()).endsWith("statistics-not-kept");
      assertThat(p.at("/detail").asText()).contains("keeps no statistics for").contains("stats.entity_keys");
    }
  }

  @Test
  void ruleReadingACardsStatistics_is422R2030WithItsPosition_andNotDeployed() throws Exception {
    HttpResponse<String> v = node.post("/v1/rules/validate", TestNode.ADMIN_KEY, "text/plain", BY_CARD);
    assertThat(v.statusCode()).as(v.body()).isEqualTo(422);
    JsonNode d = JSON.readTree(v.body()).get("diagnostics").get(0);
    assertThat(d.get("code").asText()).isEqualTo("R2030");
    assertThat(d.get("line").asInt()).isEqualTo(3);
    assertThat(d.get("column").asInt()).isEqualTo(26);
    assertThat(d.get("rendered").asText()).contains("stats.entity_keys: user_id").contains("^");

    HttpResponse<String> put = node.put("/v1/rules/card_outlier", TestNode.ADMIN_KEY, "text/plain", BY_CARD);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(422);
    assertThat(node.get("/v1/rules/card_outlier", TestNode.ADMIN_KEY).statusCode()).isEqualTo(404);

    String byUser = BY_CARD.replace("card_outlier", "user_outlier").replace("card_id", "user_id");
    assertThat(node.post("/v1/rules/validate", TestNode.ADMIN_KEY, "text/plain", byUser).statusCode()).isEqualTo(200);
  }
}
