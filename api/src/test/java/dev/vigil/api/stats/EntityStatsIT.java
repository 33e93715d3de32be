package dev.vigil.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/entities/{type}/{key}/stats} against a real node. */
class EntityStatsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir.resolve("data"));
    StringBuilder body = new StringBuilder();
    double[] amounts = {10, 20, 30, 40};
    for (int i = 0; i < amounts.length; i++) {
      body.append("""
          {"event_id":"st-%d","type":"transaction","timestamp":"2026-11-20T14:0%d:00Z","user_id":"st-u1",\
          "amount":%s,"currency":"EUR","card_id":"st-c1","merchant_id":"st-m1","country":"%s"}
          """.formatted(i, i, amounts[i], i % 2 == 0 ? "DE" : "FR"));
    }
    node.ingestEvaluated(body.toString());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void user_withHistory_returnsStatistics() throws Exception {
    HttpResponse<String> res = node.get("/v1/entities/user/st-u1/stats", TestNode.ADMIN_KEY);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode s = JSON.readTree(res.body());
    assertThat(s.at("/entity/key_field").asText()).isEqualTo("user_id");
    assertThat(s.at("/event_count").asLong()).isEqualTo(4);
    JsonNode amount = s.at("/fields/transaction.amount");
    assertThat(amount.at("/count").asLong()).isEqualTo(4);
    assertThat(amount.at("/mean").asDouble()).isEqualTo(25.0);
    assertThat(amount.at("/stddev").asDouble()).isCloseTo(12.909944, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(amount.at("/last_24h/sum").asDouble()).isEqualTo(100.0);
    assertThat(s.at("/distinct/country/lifetime").asLong()).isEqualTo(2);
    assertThat(s.at("/last_seen").asText()).isEqualTo("2026-11-20T14:03:00Z");
  }

  @Test
  void card_isItsOwnEntity() throws Exception {
    HttpResponse<String> res = node.get("/v1/entities/card/st-c1/stats", TestNode.ADMIN_KEY);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(res.body()).at("/fields/transaction.amount/max").asDouble()).isEqualTo(40.0);
  }

  @Test
  void unknownEntity_is404Problem() throws Exception {
    HttpResponse<String> res = node.get("/v1/entities/user/nobody/stats", TestNode.ADMIN_KEY);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(res.body()).at("/type").asText()).endsWith("entity-not-found");
  }

  @Test
  void unknownType_is404Problem() throws Exception {
    HttpResponse<String> res = node.get("/v1/entities/planet/earth/stats", TestNode.ADMIN_KEY);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(res.body()).at("/type").asText()).endsWith("unknown-entity-type");
  }

  @Test
  void noKey_is401() throws Exception {
    assertThat(node.get("/v1/entities/user/st-u1/stats", null).statusCode()).isEqualTo(401);
  }
}
