package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code limits.max_pending_requests}: past the bound a request is answered {@code 429 overloaded}
 * with {@code Retry-After} at once and nothing of it is done; the places are given back. A real
 * node with a bound of 1 and bursts of concurrent requests (a burst refuses some as soon as two
 * overlap; bursts repeat until one did, so the test does not depend on how fast the machine is).
 */
class PendingRequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = TestNode.ADMIN_KEY;
  private static final int BURST = 24;
  private static final int MAX_BURSTS = 50;

  @TempDir static Path tmp;
  static TestNode node;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Path data = tmp.resolve("data");
    TestNode.writeRuleFile(data, "risk.vgl", """
        decision risk on transaction
          score 60 "big amount" when amount > 1000
          block  when score >= 60
          allow  otherwise
        """);
    node = TestNode.start(data, Map.of("VIGIL_ADMIN_KEY", KEY, "VIGIL_LIMITS_MAX_PENDING_REQUESTS", "1"), System.out);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void decisions_pastTheBound_get429WithRetryAfter_andNothingIsDecided() throws Exception {
    List<String> refused = burstsUntilRefused("/v1/decisions", 200, "dec");
    for (String id : refused) {
      assertThat(node.get("/v1/decisions/" + id, KEY).statusCode()).as("refused %s was not decided", id).isEqualTo(404);
    }
    // The refused decisions were not ingested either: deciding one now ingests it once.
    HttpResponse<String> again = node.postJson("/v1/decisions", KEY, TestNode.transaction(refused.get(0)));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(node.get("/v1/decisions/" + refused.get(0), KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void ingest_pastTheBound_gets429WithRetryAfter_andNothingOfTheBatchIsAccepted() throws Exception {
    List<String> refused = burstsUntilRefused("/v1/events", 202, "ing");
    HttpResponse<String> resent = node.postJson("/v1/events", KEY, TestNode.transaction(refused.get(0)));
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
    assertThat(JSON.readTree(resent.body()).path("accepted").asInt()).as("refused before: not a duplicate").isEqualTo(1);
  }

  /**
   * Sends bursts of {@link #BURST} concurrent single-event requests until one is refused; every
   * answer must be {@code ok} or a well-formed refusal, and after each burst one more request alone
   * must succeed (no place leaked). Returns the event ids of the refused requests.
   */
  private static List<String> burstsUntilRefused(String path, int ok, String prefix) throws Exception {
    List<String> refused = new ArrayList<>();
    for (int b = 0; b < MAX_BURSTS && refused.isEmpty(); b++) {
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        String id = prefix + "-" + b + "-" + i;
        ids.add(id);
        HttpRequest request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(TestNode.transaction(id))).build();
        answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < BURST; i++) {
        HttpResponse<String> r = answers.get(i).join();
        if (r.statusCode() == ok) {
          continue;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("type").asText()).endsWith("overloaded");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).contains("1 requests of this kind");
        refused.add(ids.get(i));
      }
      HttpResponse<String> alone = node.postJson(path, KEY, TestNode.transaction(prefix + "-alone-" + b));
      assertThat(alone.statusCode()).as("after burst %d: %s", b, alone.body()).isEqualTo(ok);
    }
    assertThat(refused).as("some request of %d bursts of %d was refused", MAX_BURSTS, BURST).isNotEmpty();
    return refused;
  }
}
