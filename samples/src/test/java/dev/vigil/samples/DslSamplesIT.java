package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.api.Node;
import dev.vigil.api.config.VigilConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys each of the twelve rule-language samples ({@code samples/rules/dsl/NN_*.vgl}) into one
 * real node (real engine, RocksDB, Hazelcast statistics member) through {@code PUT
 * /v1/rules/{id}}, posts its events over HTTP, and checks that its alerts are exactly those of
 * {@code NN_*.expected.json} (the members each expected alert names). Unlike the offline rule
 * tests this goes through routing, the reorder buffer, the real statistics and the alert store.
 *
 * <p>Samples share the node, so each is isolated: the node starts with an empty rules directory
 * (no bundled rules), a sample's rule is deleted after its run, and its events are moved
 * {@link #SPACING} later than the previous sample's (whole days, so tumbling windows stay aligned;
 * expected window times move with them). Sample 11 runs first, so its users' statistics hold only
 * its own history. After the events, one more event at the expected {@code until} (or the last
 * event) plus the lateness moves the single shard's watermark past every pending event and timer
 * (absence and tumbling rules fire then; see {@link #tick}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DslSamplesIT {
  static final String ADMIN_KEY = "dsl-samples-it-admin-key-0123456";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Path DSL = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("rules/dsl");
  static final long SPACING = Duration.ofDays(10).toMillis();
  static final long LATENESS = Duration.ofSeconds(5).toMillis();
  static final Pattern RULE = Pattern.compile("(?m)^rule\\s+([a-z][a-z0-9_]*)");

  @TempDir static Path dir;
  Node node;
  int slot;

  @BeforeAll
  void startNode() throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Map<String, String> env = Map.of(
        "VIGIL_HTTP_HOST", "127.0.0.1",
        "VIGIL_HTTP_PORT", "0",
        "VIGIL_DATA_DIR", dir.resolve("data").toString(),
        "VIGIL_RULES_DIR", rules.toString(),
        "VIGIL_ENGINE_SHARDS", "1",
        "VIGIL_ENGINE_DURABILITY", "batch",
        "VIGIL_ADMIN_KEY", ADMIN_KEY);
    node = Node.start(VigilConfig.fromEnv(env), new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everySample_deployedIntoARealNode_producesExactlyItsExpectedAlerts() throws Exception {
    List<String> names;
    try (Stream<Path> s = Files.list(DSL)) {
      names = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{2}_.*\\.vgl"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
    assertThat(names).hasSize(12);
    List<String> order = new ArrayList<>(names.stream().filter(n -> n.startsWith("11_")).toList());
    names.stream().filter(n -> !n.startsWith("11_")).forEach(order::add);
    return order.stream().map(n -> DynamicTest.dynamicTest(n, () -> run(n)));
  }

  private void run(String name) throws Exception {
    long shift = SPACING * slot++;
    String source = Files.readString(DSL.resolve(name + ".vgl"));
    Matcher m = RULE.matcher(source);
    assertThat(m.find()).isTrue();
    String ruleId = m.group(1);
    HttpResponse<String> put = send(HttpRequest.newBuilder(uri("/v1/rules/" + ruleId))
        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(source)));
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

    StringBuilder events = new StringBuilder();
    long last = Long.MIN_VALUE;
    ObjectNode first = null;
    for (String line : Files.readAllLines(DSL.resolve(name + ".events.ndjson"))) {
      if (!line.isBlank()) {
        ObjectNode e = (ObjectNode) JSON.readTree(line);
        long ts = e.get("timestamp").asLong() + shift;
        e.put("timestamp", ts);
        last = Math.max(last, ts);
        first = first == null ? e.deepCopy() : first;
        events.append(e).append('\n');
      }
    }
    JsonNode expected = JSON.readTree(DSL.resolve(name + ".expected.json").toFile());
    events.append(tick(name, source, expected, first, last, shift)).append('\n');
    HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/v1/events"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(events.toString())));
    assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
    assertThat(JSON.readTree(post.body()).get("rejected").size()).as(post.body()).isZero();
    assertThat(node.engine().awaitIdle(Duration.ofSeconds(60))).isTrue();

    List<JsonNode> alerts = alerts(ruleId);
    HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/v1/rules/" + ruleId)).DELETE());
    assertThat(delete.statusCode()).as(delete.body()).isIn(200, 204);

    JsonNode wanted = expected.isArray() ? expected : expected.path("alerts");
    TreeSet<String> members = new TreeSet<>();
    List<String> want = new ArrayList<>();
    for (JsonNode a : wanted) {
      a.fieldNames().forEachRemaining(members::add);
      want.add(canonical(shifted(a, shift)));
    }
    List<String> got = new ArrayList<>();
    for (JsonNode a : alerts) {
      ObjectNode projected = JSON.createObjectNode();
      members.forEach(f -> projected.set(f, a.get(f)));
      got.add(canonical(projected));
    }
    assertThat(got).as(name).containsExactlyInAnyOrderElementsOf(want);
  }

  /**
   * The event that moves the shard's watermark past the sample: after its last event plus the
   * lateness, or past the expected {@code until}. A watermark moves only with events routed to a
   * rule, so for an {@code until} (absence, tumbling) the tick is the sample's first event for
   * another key value (it starts a match of its own that the rule's deletion ends); otherwise an
   * account update of another user, which no sample rule matches.
   */
  private static String tick(String name, String source, JsonNode expected, ObjectNode first, long last, long shift)
      throws Exception {
    if (!expected.hasNonNull("until")) {
      return JSON.writeValueAsString(Map.of("event_id", "tick-" + name, "type", "account_update",
          "timestamp", last + LATENESS + 1, "user_id", "zz-tick", "field", "email"));
    }
    long until = Instant.parse(expected.get("until").asText()).toEpochMilli() + shift;
    Matcher by = Pattern.compile("(?m)^\\s*by\\s+([a-z][a-z0-9_]*)").matcher(source);
    assertThat(by.find()).isTrue();
    ObjectNode tick = first.deepCopy();
    tick.put("event_id", "tick-" + name);
    tick.put(by.group(1), "zz-tick");
    tick.put("timestamp", Math.max(until, last) + LATENESS + 1);
    return tick.toString();
  }

  /** ISO instants (window bounds, match time) moved by {@code shift}. */
  private static JsonNode shifted(JsonNode node, long shift) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), shifted(e.getValue(), shift)));
      return out;
    }
    if (node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
      return new TextNode(Instant.parse(node.asText()).plusMillis(shift).toString());
    }
    return node;
  }

  /** JSON with members sorted at every level. */
  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      node.fieldNames().forEachRemaining(names::add);
      StringBuilder sb = new StringBuilder("{");
      for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
        String n = it.next();
        sb.append(new TextNode(n)).append(':').append(canonical(node.get(n))).append(it.hasNext() ? "," : "");
      }
      return sb.append('}').toString();
    }
    return String.valueOf(node);
  }

  private List<JsonNode> alerts(String ruleId) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      String q = "/v1/alerts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> res = send(HttpRequest.newBuilder(uri(q)).GET());
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(res.body());
      page.get("alerts").forEach(a -> {
        if (a.get("rule_id").asText().equals(ruleId)) {
          out.add(a);
        }
      });
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    return out;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }
}
