package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.Node;
import dev.vigil.api.config.VigilConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every folder of {@code samples/scenarios} through a real node running the bundled sample
 * rules (what a node without {@code rules.dir} runs: the EPL samples and most rule-language
 * samples, see api/pom.xml), over real HTTP, and checks that the scenario's alerts are exactly its
 * {@code expected-alerts.json} (rule, entity, event ids, message). Scenarios run in folder order
 * on one node; they use disjoint entity keys and ascending event-time ranges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleScenariosIT {
  static final String ADMIN_KEY = "samples-it-admin-key-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  @TempDir static Path dataDir;
  Node node;

  @BeforeAll
  void startNode() throws Exception {
    node = startNode(dataDir);
  }

  static Node startNode(Path dataDir) throws Exception {
    Map<String, String> env = Map.of(
        "VIGIL_HTTP_HOST", "127.0.0.1",
        "VIGIL_HTTP_PORT", "0",
        "VIGIL_DATA_DIR", dataDir.resolve("data").toString(),
        "VIGIL_ENGINE_SHARDS", "2",
        "VIGIL_ENGINE_DURABILITY", "batch",
        // Default lateness (5 s); quick idle progress so each scenario's last events are
        // evaluated within a fraction of a second of wall time after it was sent.
        "VIGIL_ENGINE_IDLE_TIMEOUT", "200ms",
        "VIGIL_ADMIN_KEY", ADMIN_KEY);
    return Node.start(VigilConfig.fromEnv(env), new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyScenario_producesExactlyItsExpectedAlerts() throws IOException {
    List<Path> folders;
    try (Stream<Path> s = Files.list(MODULE.resolve("scenarios"))) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(folders).isNotEmpty();
    return folders.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replay(f)));
  }

  private void replay(Path folder) throws Exception {
    String events = Files.readString(folder.resolve("events.ndjson"));
    Set<String> ids = new HashSet<>();
    for (String line : events.split("\n")) {
      if (!line.isBlank()) {
        ids.add(JSON.readTree(line).get("event_id").asText());
      }
    }
    HttpResponse<String> res = HTTP.send(
        HttpRequest.newBuilder(uri("/v1/events"))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(events))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    assertThat(JSON.readTree(res.body()).get("accepted").asInt()).as(res.body()).isEqualTo(ids.size());
    assertThat(node.engine().awaitIdle(Duration.ofSeconds(30))).isTrue();

    Set<String> actual = new HashSet<>();
    for (JsonNode alert : allAlerts()) {
      List<String> eventIds = new ArrayList<>();
      alert.get("event_ids").forEach(n -> eventIds.add(n.asText()));
      if (ids.containsAll(eventIds)) {
        actual.add(canonical(alert));
      }
    }
    Set<String> expected = new HashSet<>();
    for (JsonNode alert : JSON.readTree(folder.resolve("expected-alerts.json").toFile())) {
      expected.add(canonical(alert));
    }
    assertThat(actual).as(folder.getFileName().toString()).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String canonical(JsonNode alert) {
    return alert.get("rule_id").asText() + " | " + alert.get("entity").get("type").asText() + "="
        + alert.get("entity").get("key").asText() + " | " + alert.get("event_ids") + " | "
        + alert.get("message").asText();
  }

  private List<JsonNode> allAlerts() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      String q = "/v1/alerts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> res = HTTP.send(
          HttpRequest.newBuilder(uri(q)).header("Authorization", "Bearer " + ADMIN_KEY).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(res.body());
      page.get("alerts").forEach(out::add);
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    return out;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }
}
