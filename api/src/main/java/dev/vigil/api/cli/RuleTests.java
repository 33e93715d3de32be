package dev.vigil.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.alerts.AlertView;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.ingest.EventReader;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.api.rules.FixedEventTypes;
import dev.vigil.engine.Alert;
import dev.vigil.engine.RuleSandbox;
import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Rule tests as files, run offline in the engine's {@link RuleSandbox}. In a directory, each
 * {@code NAME.events.ndjson} is one test: the events (validated as {@code POST /v1/events} would)
 * go through the rules of {@code NAME.vgl}, and the alerts must be exactly those of {@code
 * NAME.expected.json}: either an array of alerts, or an object with {@code alerts}, an optional
 * {@code until} (event time every clock moves to after the events, closing windows) or {@code
 * error_codes} (the rule file must fail to compile with exactly these codes). An expected alert
 * names only the members it checks (e.g. {@code rule_id}, {@code entity}, {@code event_ids},
 * {@code message}, {@code window}, {@code match_time}); the alerts are compared as multisets.
 */
public final class RuleTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FAR_FUTURE_SKEW = 100L * 365 * 24 * 3600 * 1000;

  private final PrintStream out;
  private final PrintStream err;
  private final StatisticsScope kept;

  /** Tests compiled and run as on a node keeping the statistics {@code kept} (R2030 for others). */
  public RuleTests(PrintStream out, PrintStream err, StatisticsScope kept) {
    this.out = out;
    this.err = err;
    this.kept = kept;
  }

  /** Runs every test of {@code dir}; 0 when all pass, 1 otherwise (or when there is none). */
  public int runAll(Path dir) {
    List<Path> tests;
    try (Stream<Path> s = Files.list(dir)) {
      tests = s.filter(p -> p.getFileName().toString().endsWith(".events.ndjson")).sorted().toList();
    } catch (IOException e) {
      err.println(dir + ": cannot list: " + e.getMessage());
      return 1;
    }
    if (tests.isEmpty()) {
      err.println(dir + ": no rule tests (NAME.events.ndjson)");
      return 1;
    }
    int failed = 0;
    for (Path events : tests) {
      String name = events.getFileName().toString().replace(".events.ndjson", "");
      List<String> problems;
      try {
        problems = run(dir, name);
      } catch (IOException | RuntimeException e) {
        problems = List.of("cannot run: " + e);
      }
      if (problems.isEmpty()) {
        out.println("PASS " + name);
      } else {
        failed++;
        err.println("FAIL " + name);
        problems.forEach(p -> err.println("  " + p.replace("\n", "\n  ")));
      }
    }
    (failed == 0 ? out : err).println(
        (tests.size() - failed) + " passed, " + failed + " failed (" + dir + ")");
    return failed == 0 ? 0 : 1;
  }

  /** Runs one test; the problems found, empty when it passes. */
  List<String> run(Path dir, String name) throws IOException {
    String source = Files.readString(dir.resolve(name + ".vgl"));
    JsonNode expected = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
    JsonNode alerts = expected.isArray() ? expected : expected.path("alerts");
    RuleSandbox sandbox;
    try {
      sandbox = RuleSandbox.compile(List.of(), kept, name + ".vgl", source);
    } catch (RuleException e) {
      TreeSet<String> codes = new TreeSet<>();
      e.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> codes.add(d.code().code()));
      TreeSet<String> want = new TreeSet<>();
      expected.path("error_codes").forEach(c -> want.add(c.asText()));
      return !want.isEmpty() && want.equals(codes) ? List.of()
          : List.of("rule file does not compile (expected codes " + want + "):\n" + e.render().stripTrailing());
    }
    if (expected.has("error_codes")) {
      return List.of("rule file compiles, expected errors " + expected.get("error_codes"));
    }
    EventReader.Result read;
    try {
      read = new EventReader(ApiLimits.defaults(), new FixedEventTypes(sandbox.eventTypes()),
          () -> System.currentTimeMillis() + FAR_FUTURE_SKEW)
          .readNdjson(Files.readString(dir.resolve(name + ".events.ndjson")));
    } catch (ProblemException e) {
      return List.of("events: " + e.problem().detail());
    }
    if (!read.rejected().isEmpty()) {
      return read.rejected().stream().map(r -> "event line " + (r.index() + 1) + " (" + r.eventId() + "): "
          + r.errors().stream().map(x -> x.field() + " " + x.reason()).toList()).toList();
    }
    Long until = expected.hasNonNull("until") ? until(expected.get("until")) : null;
    return diff(alerts, sandbox.run(read.events(), until));
  }

  private static Long until(JsonNode v) {
    return v.isIntegralNumber() ? v.asLong() : Timestamps.parseText(v.asText());
  }

  /** Multiset difference of expected and actual alerts, each projected to the expected members. */
  static List<String> diff(JsonNode expected, List<Alert> actual) {
    TreeSet<String> fields = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode e : expected) {
      missing.add(canonical(e));
      e.fieldNames().forEachRemaining(fields::add);
    }
    if (fields.isEmpty()) {
      fields.addAll(List.of("rule_id", "entity", "event_ids", "message"));
    }
    List<String> unexpected = new ArrayList<>();
    for (Alert a : actual) {
      JsonNode full = JSON.valueToTree(AlertView.of(a));
      ObjectNode projected = JSON.createObjectNode();
      fields.forEach(f -> projected.set(f, full.get(f)));
      String got = canonical(projected);
      if (!missing.remove(got)) {
        unexpected.add(got);
      }
    }
    List<String> problems = new ArrayList<>();
    missing.forEach(m -> problems.add("- missing    " + m));
    unexpected.forEach(u -> problems.add("+ unexpected " + u));
    return problems;
  }

  /** JSON with object members in name order at every level, so equal alerts compare equal. */
  static String canonical(JsonNode node) {
    return sorted(node).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      TreeSet<String> names = new TreeSet<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }
}
