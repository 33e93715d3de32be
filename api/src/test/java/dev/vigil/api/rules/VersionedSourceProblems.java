package dev.vigil.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import java.net.http.HttpResponse;
import java.util.Collections;

/**
 * The problems {@code /v1/rules} and {@code /v1/decision-sets} answer alike (one handler serves
 * both): unknown ids, a bad rollback version, a dry run without an {@code events} array or with
 * more than {@code max_batch_events} (10 000 by default). Each resource's IT calls it.
 */
public final class VersionedSourceProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VersionedSourceProblems() {}

  /**
   * @param base {@code /v1/rules} or {@code /v1/decision-sets}
   * @param noun the resource in problems, e.g. "decision set"
   * @param source a draft that compiles
   */
  public static void check(TestNode node, String key, String base, String noun, String source) throws Exception {
    String notFound = "/" + noun.replace(' ', '-') + "-not-found";
    for (String path : new String[] {base + "/ghost", base + "/ghost/versions"}) {
      JsonNode p = problem(node.get(path, key), 404);
      assertThat(p.get("type").asText()).endsWith(notFound);
      assertThat(p.get("detail").asText()).isEqualTo("No " + noun + " \"ghost\".");
    }
    assertThat(problem(node.postJson(base + "/ghost/rollback", key, "{\"version\":1}"), 404)
        .get("type").asText()).endsWith(notFound);
    assertThat(problem(node.postJson(base + "/ghost/rollback", key, "{\"version\":\"1\"}"), 400)
        .get("type").asText()).endsWith("/invalid-body");
    String draft = "{\"source\":" + JSON.writeValueAsString(source);
    assertThat(problem(node.postJson(base + "/test", key, draft + ",\"events\":{}}"), 400)
        .get("detail").asText()).contains("\"events\"");
    String tooMany = "[" + String.join(",", Collections.nCopies(10_001, "{}")) + "]";
    JsonNode p = problem(node.postJson(base + "/test", key, draft + ",\"events\":" + tooMany + "}"), 413);
    assertThat(p.get("type").asText()).endsWith("/batch-too-large");
    assertThat(p.get("max_batch_events").asInt()).isEqualTo(10_000);
  }

  private static JsonNode problem(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return JSON.readTree(r.body());
  }
}
