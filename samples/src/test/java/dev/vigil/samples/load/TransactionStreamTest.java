package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TransactionStreamTest {
  private static final long START = 1_795_564_800_000L;
  private static final Pattern AMOUNT = Pattern.compile("\"amount\":([0-9.]+)");
  private static final Pattern USER = Pattern.compile("\"user_id\":\"(u\\d+)\"");

  private static TransactionStream stream(StreamSpec spec) {
    return new TransactionStream(spec, TransactionStream.fixedRate(START, 1_000));
  }

  private static List<StreamEvent> take(TransactionStream s, int n) {
    List<StreamEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s.next());
    }
    return out;
  }

  @Test
  void next_sameSpecAndClock_sameEvents() {
    StreamSpec spec = StreamSpec.defaults().withFraudRate(0.01);
    assertThat(take(stream(spec), 20_000)).isEqualTo(take(stream(spec), 20_000));
  }

  @Test
  void next_otherSeed_otherEvents() {
    StreamSpec spec = StreamSpec.defaults();
    assertThat(take(stream(spec.withSeed(1)), 100)).isNotEqualTo(take(stream(spec.withSeed(2)), 100));
  }

  @Test
  void next_maxDisorder_noEventMoreThanTheBoundBehindAnEarlierOne() {
    TransactionStream s = stream(StreamSpec.defaults().withMaxDisorderMillis(700).withFraudRate(0.01));
    long newest = START;
    long worst = 0;
    for (StreamEvent e : take(s, 50_000)) {
      worst = Math.max(worst, newest - e.timeMillis());
      newest = Math.max(newest, e.timeMillis());
      assertThat(e.deliverAtMillis() - e.timeMillis()).isBetween(0L, 700L);
    }
    assertThat(worst).isPositive().isLessThanOrEqualTo(700);
  }

  @Test
  void next_noDisorder_eventTimeOrder() {
    TransactionStream s = stream(StreamSpec.defaults().withMaxDisorderMillis(0).withFraudRate(0.01));
    long previous = Long.MIN_VALUE;
    for (StreamEvent e : take(s, 20_000)) {
      assertThat(e.timeMillis()).isGreaterThanOrEqualTo(previous);
      previous = e.timeMillis();
    }
  }

  @Test
  void next_backgroundAmounts_logNormalAroundMedianForty() {
    TransactionStream s = stream(StreamSpec.defaults().withFraudRate(0));
    List<Double> logs = new ArrayList<>();
    for (StreamEvent e : take(s, 50_000)) {
      Matcher m = AMOUNT.matcher(e.json());
      if (m.find()) {
        logs.add(Math.log(Double.parseDouble(m.group(1))));
      }
    }
    double mean = logs.stream().mapToDouble(d -> d).average().orElseThrow();
    double var = logs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (logs.size() - 1);
    // log(amount) = user level N(ln 40, 0.7^2) + N(0, 0.8^2): mean ln 40, sd sqrt(0.49 + 0.64).
    assertThat(mean).isCloseTo(Math.log(40), within(0.05));
    assertThat(Math.sqrt(var)).isCloseTo(Math.sqrt(0.49 + 0.64), within(0.05));
    assertThat(logs.size()).isBetween(44_000, 46_000);
  }

  @Test
  void next_users_skewedButEachPaysWithinTheGap() {
    TransactionStream s = stream(StreamSpec.defaults().withFraudRate(0));
    Map<String, Integer> perUser = new HashMap<>();
    for (StreamEvent e : take(s, 50_000)) {
      if (e.type().equals("transaction")) {
        Matcher m = USER.matcher(e.json());
        m.find();
        perUser.merge(m.group(1), 1, Integer::sum);
      }
    }
    // The gap holds but for a handful of the top users (every redraw busy).
    assertThat(s.gapViolations()).isLessThan(45);
    // Zipf: the most active users pay far more often than the typical one, capped by the gap
    // (50 s of event time / 20 s = 3 payments).
    assertThat(perUser.get("u0")).isBetween(2, 5);
    assertThat(perUser.values()).allMatch(n -> n <= 6);
    assertThat(perUser.values().stream().filter(n -> n == 1).count()).isGreaterThan(perUser.size() / 2);
  }

  @Test
  void completedLabels_consistentWithTheEventsAndNameBundledRules() throws IOException {
    TransactionStream s = stream(StreamSpec.defaults().withFraudRate(0.004));
    Map<String, StreamEvent> byId = new HashMap<>();
    for (StreamEvent e : take(s, 150_000)) {
      byId.put(e.id(), e);
    }
    s.drain().forEach(e -> byId.put(e.id(), e));
    List<Label> labels = s.completedLabels();
    Set<Scenario> kinds = EnumSet.noneOf(Scenario.class);
    Set<String> bundled = bundledRuleIds();
    for (Label l : labels) {
      kinds.add(l.scenario());
      assertThat(bundled).containsAll(l.expectedRules());
      assertThat(l.expectedRules()).containsAll(l.scenario().rules());
      for (String id : l.eventIds()) {
        StreamEvent e = byId.get(id);
        assertThat(e).as(id).isNotNull();
        assertThat(e.label()).isSameAs(l);
        assertThat(e.timeMillis()).isBetween(l.startMillis(), l.endMillis());
      }
      assertThat(l.endMillis() - l.startMillis()).isLessThanOrEqualTo(StreamSpec.defaults().maxScenarioSpanMillis());
      assertThat(l.toJson()).startsWith("{\"label\":" + l.id() + ",\"scenario\":\"" + l.scenario().label() + "\"");
    }
    assertThat(kinds).containsExactlyInAnyOrder(Scenario.values());
    // drain() finished every scenario under way: no labelled event outside a completed label.
    Set<Label> done = new HashSet<>(labels);
    assertThat(byId.values()).filteredOn(e -> e.label() != null).allMatch(e -> done.contains(e.label()));
  }

  @Test
  void stopInjectingAt_noScenarioStartsLater() {
    TransactionStream s = stream(StreamSpec.defaults().withFraudRate(0.01));
    s.stopInjectingAt(START + 10_000);
    List<StreamEvent> events = take(s, 30_000);
    assertThat(events).filteredOn(e -> e.label() != null).isNotEmpty()
        .allMatch(e -> e.label().startMillis() < START + 10_000);
  }

  /** Rule ids of samples/rules (the node's bundled rules come from there). */
  private static Set<String> bundledRuleIds() throws IOException {
    Path rules = Path.of(System.getProperty("basedir", ".")).resolve("rules");
    Set<String> ids = new HashSet<>();
    Pattern epl = Pattern.compile("@Name\\('([a-z_0-9]+)'\\)");
    Pattern dsl = Pattern.compile("(?m)^rule\\s+([a-z_0-9]+)");
    try (Stream<Path> files = Stream.concat(Files.list(rules), Files.list(rules.resolve("dsl")))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".epl") || p.toString().endsWith(".vgl")).toList()) {
        Matcher m = (f.toString().endsWith(".epl") ? epl : dsl).matcher(Files.readString(f));
        while (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    return ids;
  }
}
