package dev.vigil.engine.eventtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.Alert;
import dev.vigil.engine.Durability;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a stream permuted at random within the allowed lateness produces exactly the alerts
 * (ids included) of the sorted stream, for every sample rule in {@code samples/rules} (EPL and
 * DSL), with 1 and 4 shards and several seeds ({@code -Dvigil.arrival.seeds=N} for more).
 */
class ArrivalOrderIT {

  static final long T0 = 1_700_000_000_000L;
  static final Duration LATENESS = Duration.ofSeconds(5);
  static final int EVENTS = 3_000;
  static final int SEEDS = Integer.getInteger("vigil.arrival.seeds", 3);

  @TempDir Path dir;

  /**
   * Every sample detection rule: the operator EPL files and the numbered DSL samples (the DSL
   * files that need statistics or hold decision sets are left to their own tests).
   */
  static List<RuleFile> sampleRules() throws IOException {
    List<RuleFile> dsl = files(Path.of("../samples/rules/dsl"), ".vgl").stream()
        .filter(f -> Character.isDigit(f.name().charAt(0)) && !STATS_SAMPLES.contains(f.name()))
        .toList();
    List<RuleFile> rules = new ArrayList<>();
    for (RuleFile epl : files(Path.of("../samples/rules"), ".epl")) {
      String id = epl.name().substring(0, epl.name().length() - ".epl".length());
      // an EPL sample the DSL samples restate (same rule id) is covered by its DSL form
      if (dsl.stream().noneMatch(f -> f.text().contains("rule " + id + "\n"))) {
        rules.add(epl);
      }
    }
    rules.addAll(dsl);
    return rules;
  }

  /** DSL samples that read entity statistics (the driver runs without a Hazelcast member). */
  static final List<String> STATS_SAMPLES = List.of("11_amount_outlier.vgl");

  static List<RuleFile> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<RuleFile> rules = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
        rules.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
      }
      return rules;
    }
  }

  /**
   * Transactions (with merchants, statuses, devices, tiny card tests and bursts), logins,
   * password changes, and authorisations settled or not, of 20 users, ~1.2 s apart.
   */
  static List<Event> stream(long seed) {
    Random r = new Random(seed);
    List<Event> events = new ArrayList<>();
    List<String> openPayments = new ArrayList<>();
    long ts = T0;
    int i = 0;
    while (events.size() < EVENTS) {
      ts += 1 + r.nextInt(2_400);
      String user = "u" + r.nextInt(20);
      int kind = r.nextInt(20);
      int burst = r.nextInt(400) == 0 ? 25 : 1;
      for (int b = 0; b < burst && kind < 14; b++) {
        events.add(new Event("e" + i++, "transaction", ts + b * 500L, transaction(r, user), Map.of()));
      }
      ts += (burst - 1) * 500L;
      Map<String, Object> f = new HashMap<>();
      f.put("user_id", user);
      if (kind >= 14 && kind < 17) {
        f.put("new_device", r.nextInt(3) == 0);
        f.put("device_id", "d" + r.nextInt(8));
        events.add(new Event("e" + i++, "login", ts, f, Map.of()));
      } else if (kind == 17) {
        f.put("field", r.nextBoolean() ? "password" : "email");
        events.add(new Event("e" + i++, "account_update", ts, f, Map.of()));
      } else if (kind == 18) {
        String payment = "p" + i;
        openPayments.add(payment);
        events.add(new Event("e" + i++, "authorization", ts,
            Map.of("payment_id", payment, "amount", new BigDecimal(r.nextInt(900)), "merchant", "m" + r.nextInt(5)),
            Map.of()));
      } else if (kind == 19 && !openPayments.isEmpty() && r.nextInt(4) > 0) {
        String payment = openPayments.remove(r.nextInt(openPayments.size()));
        events.add(new Event("e" + i++, "settlement", ts,
            Map.of("payment_id", payment, "amount", new BigDecimal(r.nextInt(900))), Map.of()));
      }
    }
    // one last event three hours on moves the watermark past every 2 h absence horizon
    events.add(new Event("e" + i, "login", ts + Duration.ofHours(3).toMillis(), Map.of("user_id", "u0"), Map.of()));
    return events;
  }

  private static Map<String, Object> transaction(Random r, String user) {
    Map<String, Object> f = new HashMap<>();
    f.put("user_id", user);
    int tiny = r.nextInt(40);
    f.put("amount", tiny == 0 ? BigDecimal.ONE
        : new BigDecimal(r.nextInt(20) == 0 ? 9_000 + r.nextInt(5_000) : r.nextInt(1_500)));
    f.put("currency", "EUR");
    f.put("country", List.of("US", "CA", "FR", "BR").get(r.nextInt(4)));
    f.put("merchant_id", "m" + r.nextInt(5));
    f.put("status", r.nextInt(5) < 3 ? "declined" : "approved");
    f.put("device_id", "d" + r.nextInt(8));
    if (r.nextInt(5) > 0) {
      f.put("card_id", "c" + r.nextInt(30));
    }
    return f;
  }

  /**
   * The alert ids (rule/alert) of {@code arrival}. With {@code expected} given, also lets three
   * hours of processing time pass idle, so every shard's watermark (per shard: the shards that
   * did not see the stream's last event only move by idle progress) passes the last absence
   * horizon, and waits until the alerts equal {@code expected} (they can only converge there).
   */
  List<String> alertIds(String name, List<Event> arrival, int shards, List<RuleFile> rules, List<String> expected)
      throws Exception {
    ManualClock clock = new ManualClock(T0 + Duration.ofDays(1).toMillis());
    EngineConfig config =
        new EngineConfig(dir.resolve(name), rules, shards, 10_000, Duration.ofHours(24), Durability.NONE, clock)
            .withAllowedLateness(LATENESS);
    try (EngineTestDriver driver = EngineTestDriver.start(config, clock)) {
      for (int i = 0; i < arrival.size(); i += 50) {
        driver.engine().ingest(arrival.subList(i, Math.min(arrival.size(), i + 50)));
      }
      driver.flush();
      assertThat(driver.lateEvents()).isEmpty();
      driver.awaitQueuesDrained();
      if (expected != null) {
        clock.advance(Duration.ofHours(3));
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> ids(driver).equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          assertThat(ids(driver)).as(name).isEqualTo(expected);
        }
      }
      return ids(driver);
    }
  }

  private static List<String> ids(EngineTestDriver driver) {
    return driver.alerts().stream().map(a -> a.ruleId() + "/" + a.alertId()).sorted().toList();
  }

  @Test
  void permutedWithinLateness_sameAlertsAsSorted_forEverySampleRule_1and4Shards() throws Exception {
    List<RuleFile> rules = sampleRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(3);
    java.util.Set<String> fired = new java.util.TreeSet<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      List<Event> sorted = stream(seed);
      List<String> expected = alertIds("sorted-" + seed, sorted, 1, rules, null);
      for (String rule : List.of("large_foreign_transaction", "new_device_password_change", "card_testing")) {
        assertThat(expected).as("seed %d fires %s", seed, rule).anyMatch(id -> id.startsWith(rule + "/"));
      }
      expected.forEach(id -> fired.add(id.substring(0, id.indexOf('/'))));
      Random random = new Random(seed * 31);
      List<Event> permuted = EventTimeIT.shuffleWithin(sorted, LATENESS.toMillis(), random);
      assertThat(permuted).isNotEqualTo(sorted);
      assertThat(alertIds("permuted1-" + seed, permuted, 1, rules, expected)).as("seed %d, 1 shard", seed)
          .isEqualTo(expected);
      assertThat(alertIds("permuted4-" + seed, permuted, 4, rules, expected)).as("seed %d, 4 shards", seed)
          .isEqualTo(expected);
    }
    // the stream is rich enough that the property covers windows, sequences and the absence
    assertThat(fired).contains("card_testing", "impossible_travel", "unsettled_authorization", "merchant_declines",
        "velocity_sliding", "running_total", "shared_device");
  }

  @Test
  void permutedBeyondLateness_lateEventsReported_notEvaluated() throws Exception {
    List<Event> sorted = stream(9).subList(0, 300);
    List<Event> permuted = EventTimeIT.shuffleWithin(sorted, 60_000, new Random(9));
    ManualClock clock = new ManualClock(T0 + Duration.ofDays(1).toMillis());
    EngineConfig config =
        new EngineConfig(dir, sampleRules(), 1, 10_000, Duration.ofHours(24), Durability.NONE, clock)
            .withAllowedLateness(LATENESS);
    try (EngineTestDriver driver = EngineTestDriver.start(config, clock)) {
      long late = driver.send(permuted).stream().filter(a -> a == dev.vigil.engine.Admission.ACCEPTED_LATE).count();
      driver.flush();
      assertThat(late).isPositive();
      assertThat(driver.lateEvents()).hasSize((int) late);
      assertThat(driver.alerts()).extracting(Alert::eventIds)
          .allSatisfy(ids -> assertThat(ids).doesNotContainAnyElementsOf(
              driver.lateEvents().stream().map(l -> l.event().id()).toList()));
    }
  }
}
