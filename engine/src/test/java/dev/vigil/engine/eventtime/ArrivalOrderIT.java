package dev.vigil.engine.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

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
 * (ids included) of the sorted stream, for every sample rule in {@code samples/rules}, with 1 and
 * 4 shards and several seeds.
 */
class ArrivalOrderIT {

  static final long T0 = 1_700_000_000_000L;
  static final Duration LATENESS = Duration.ofSeconds(5);
  static final int EVENTS = 3_000;

  @TempDir Path dir;

  static List<RuleFile> sampleRules() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../samples/rules"))) {
      List<RuleFile> rules = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".epl")).sorted().toList()) {
        rules.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
      }
      return rules;
    }
  }

  /** Transactions, logins and password changes of 20 users and 10 cards, ~1.2 s apart, distinct times. */
  static List<Event> stream(long seed) {
    Random r = new Random(seed);
    List<Event> events = new ArrayList<>();
    long ts = T0;
    for (int i = 0; i < EVENTS; i++) {
      ts += 1 + r.nextInt(2_400);
      String user = "u" + r.nextInt(20);
      int kind = r.nextInt(10);
      Map<String, Object> f = new HashMap<>();
      f.put("user_id", user);
      if (kind < 7) {
        f.put("amount", new BigDecimal(r.nextInt(20) == 0 ? 9_000 + r.nextInt(5_000) : r.nextInt(500)));
        f.put("currency", "EUR");
        f.put("country", List.of("US", "CA", "FR", "BR").get(r.nextInt(4)));
        if (r.nextInt(5) > 0) {
          f.put("card_id", "c" + r.nextInt(10));
        }
        events.add(new Event("e" + i, "transaction", ts, f, Map.of()));
      } else if (kind < 9) {
        f.put("new_device", r.nextInt(3) == 0);
        events.add(new Event("e" + i, "login", ts, f, Map.of()));
      } else {
        f.put("field", r.nextBoolean() ? "password" : "email");
        events.add(new Event("e" + i, "account_update", ts, f, Map.of()));
      }
    }
    return events;
  }

  List<String> alertIds(String name, List<Event> arrival, int shards, List<RuleFile> rules) throws Exception {
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
      // timer-driven matches (none in the samples today) would come after the last release
      driver.awaitQueuesDrained();
      return driver.alerts().stream().map(a -> a.ruleId() + "/" + a.alertId()).sorted().toList();
    }
  }

  @Test
  void permutedWithinLateness_sameAlertsAsSorted_forEverySampleRule_1and4Shards() throws Exception {
    List<RuleFile> rules = sampleRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(3);
    for (long seed : new long[] {1, 2, 3}) {
      List<Event> sorted = stream(seed);
      List<String> expected = alertIds("sorted-" + seed, sorted, 1, rules);
      for (String rule : List.of("large_foreign_transaction", "new_device_password_change", "rapid_fire")) {
        assertThat(expected).as("seed %d fires %s", seed, rule).anyMatch(id -> id.startsWith(rule + "/"));
      }
      Random random = new Random(seed * 31);
      List<Event> permuted = EventTimeIT.shuffleWithin(sorted, LATENESS.toMillis(), random);
      assertThat(permuted).isNotEqualTo(sorted);
      assertThat(alertIds("permuted1-" + seed, permuted, 1, rules)).as("seed %d, 1 shard", seed).isEqualTo(expected);
      assertThat(alertIds("permuted4-" + seed, permuted, 4, rules)).as("seed %d, 4 shards", seed).isEqualTo(expected);
    }
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
