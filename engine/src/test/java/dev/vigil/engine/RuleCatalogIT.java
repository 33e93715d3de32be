package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.rules.RuleException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule-language files at start, and rules deployed, replaced and removed in a running engine. */
class RuleCatalogIT {

  private static final long T0 = 1_600_000_000_000L;
  private static final long MIN = 60_000L;

  @TempDir Path dir;

  static Event tx(String id, long ts, String user, String merchant, String amount) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("user_id", user);
    if (merchant != null) {
      fields.put("merchant_id", merchant);
    }
    fields.put("amount", new BigDecimal(amount));
    fields.put("currency", "EUR");
    return new Event(id, "transaction", ts, fields, Map.of());
  }

  static EngineTestDriver start(Path dir, RuleFile... files) throws RuleLoadException {
    return EngineTestDriver.start(dir, List.of(files), 2);
  }

  static final String BIG = """
      rule big
        severity high
        by user_id
        when transaction where amount > 100
        alert "big {amount}"
      """;

  @Test
  void vglFile_atStart_deploysWithFiringAndSuppress() throws Exception {
    String burst = """
        rule burst
          by user_id
          when transaction over sliding 5m having count() >= 2
          alert "{count()} in 5m"
          suppress 10m

        rule burst_evidence
          by user_id
          when transaction over sliding 5m having count() >= 3
          evidence window
        """;
    try (EngineTestDriver d = start(dir, new RuleFile("burst.vgl", burst))) {
      d.send(tx("a", T0, "u1", null, "1"), tx("b", T0 + MIN, "u1", null, "1"), tx("c", T0 + 2 * MIN, "u1", null, "1"));
      // c matches too but within the suppress period; then expiry of a, b, c (clock moves) is no match.
      d.send(tx("z", T0 + 20 * MIN, "u2", null, "1"), tx("y", T0 + 40 * MIN, "u1", null, "1"));
      assertThat(d.alerts("burst")).extracting(Alert::message).containsExactly("2 in 5m");
      Alert tipped = d.alerts("burst").get(0);
      assertThat(tipped.eventIds()).as("the arriving event").containsExactly("b");
      assertThat(tipped.windowStart()).isEqualTo(T0 + MIN - 5 * MIN);
      assertThat(tipped.windowEnd()).isEqualTo(T0 + MIN);
      Alert listed = d.alerts("burst_evidence").get(0);
      assertThat(listed.eventIds()).as("evidence window").containsExactlyInAnyOrder("a", "b", "c");
      assertThat(listed.windowStart()).isEqualTo(T0);
      assertThat(listed.windowEnd()).isEqualTo(T0 + 2 * MIN);
      RuleStats stats = d.engine().ruleCatalog().stats("burst");
      assertThat(stats.matches()).isEqualTo(2);
      assertThat(stats.alerts()).isEqualTo(1);
      assertThat(stats.suppressed()).isEqualTo(1);
      assertThat(stats.lastMatchEventTime()).isEqualTo(T0 + 2 * MIN);
      assertThat(d.engine().ruleCatalog().get("burst").orElseThrow().origin()).isEqualTo(RuleHistory.FILE);
    }
  }

  @Test
  void vglFile_declaringTypes_registersThemBeforeItsRules() throws Exception {
    String sensor = """
        event reading (sensor_id: string key required, celsius: number)
        rule hot
          by sensor_id
          when reading where celsius > 80
        """;
    try (EngineTestDriver d = start(dir, new RuleFile("sensor.vgl", sensor))) {
      assertThat(d.engine().eventTypes().get("reading")).isPresent();
      d.send(new Event("r1", "reading", T0, Map.of("sensor_id", "s1", "celsius", new BigDecimal("81")), Map.of()));
      assertThat(d.alerts("hot")).hasSize(1);
    }
    // A restart with the same file: the identical declaration is fine.
    try (EngineTestDriver d = start(dir, new RuleFile("sensor.vgl", sensor))) {
      assertThat(d.engine().rules()).extracting(RuleInfo::id).containsExactly("hot");
    }
  }

  @Test
  void badVglFile_atStart_failsWithFileLineColumnAndCaret() {
    String bad = "rule velocity\n  by user_id\n  when transaction over sliding 5m having count(transaction > 5\n";
    assertThatThrownBy(() -> start(dir, new RuleFile("ok.epl", "@Name('x') select * from transaction"),
            new RuleFile("bad.vgl", bad)))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("bad.vgl:3:")
        .hasMessageContaining("^")
        .hasMessageContaining("error[R1");
  }

  @Test
  void deploy_newRule_runsAndSurvivesARestart() throws Exception {
    try (EngineTestDriver d = start(dir)) {
      RuleCatalog.Change c = d.engine().ruleCatalog().deploy("big", BIG, "key-1");
      assertThat(c.created()).isTrue();
      assertThat(c.history().activeVersion()).isEqualTo(1);
      assertThat(d.engine().ruleCatalog().deploy("big", BIG, "key-1").changed()).isFalse();
      d.send(tx("a", T0, "u1", null, "500"), tx("b", T0 + 1, "u1", null, "5"));
      assertThat(d.alerts("big")).extracting(Alert::message).containsExactly("big 500");
    }
    try (EngineTestDriver d = start(dir)) {
      RuleHistory h = d.engine().ruleCatalog().get("big").orElseThrow();
      assertThat(h.origin()).isEqualTo(RuleHistory.API);
      assertThat(h.versions()).extracting(RuleVersion::author).containsExactly("key-1");
      d.send(tx("c", T0 + 2, "u2", null, "600"));
      assertThat(d.alerts("big")).extracting(Alert::message).containsExactlyInAnyOrder("big 500", "big 600");
    }
  }

  @Test
  void deploy_badVersion_keepsTheGoodOne() throws Exception {
    try (EngineTestDriver d = start(dir)) {
      RuleCatalog rules = d.engine().ruleCatalog();
      rules.deploy("big", BIG, "k");
      assertThatThrownBy(() -> rules.deploy("big", BIG.replace("amount > 100", "amont > 100"), "k"))
          .isInstanceOf(RuleException.class).hasMessageContaining("amont");
      assertThatThrownBy(() -> rules.deploy("other", BIG, "k"))
          .isInstanceOf(RuleChangeException.class).hasMessageContaining("named 'big'");
      d.send(tx("a", T0, "u1", null, "500"));
      assertThat(d.alerts("big")).hasSize(1);
      assertThat(rules.get("big").orElseThrow().versions()).hasSize(1);
    }
  }

  @Test
  void deploy_ruleWithANewRouteKey_routesLaterEvents() throws Exception {
    try (EngineTestDriver d = start(dir, new RuleFile("big.vgl", BIG))) {
      d.send(tx("a", T0, "u1", "m1", "5"));
      d.engine().ruleCatalog().deploy("merchant_seen", """
          rule merchant_seen
            by merchant_id
            when transaction where amount > 1
          """, "k");
      d.send(tx("b", T0 + 1, "u1", "m1", "5"));
      assertThat(d.alerts("merchant_seen")).extracting(a -> a.entity().key() + ":" + a.eventIds())
          .containsExactly("m1:[b]");
    }
  }

  @Test
  void fileRules_areReadOnly_andLifecycleOfApiRules() throws Exception {
    try (EngineTestDriver d = start(dir, new RuleFile("big.vgl", BIG))) {
      RuleCatalog rules = d.engine().ruleCatalog();
      assertThatThrownBy(() -> rules.deploy("big", BIG, "k"))
          .isInstanceOf(RuleChangeException.class)
          .satisfies(e -> assertThat(((RuleChangeException) e).reason()).isEqualTo(RuleChangeException.Reason.READ_ONLY));
      String v1 = BIG.replace("rule big", "rule big2");
      rules.deploy("big2", v1, "k");
      rules.deploy("big2", v1.replace("> 100", "> 1000"), "k");
      d.send(tx("a", T0, "u1", null, "500"));
      assertThat(d.alerts("big2")).isEmpty();
      assertThat(rules.rollback("big2", 1).activeVersion()).isEqualTo(1);
      d.send(tx("b", T0 + 1, "u1", null, "500"));
      assertThat(d.alerts("big2")).extracting(Alert::eventIds).containsExactly(List.of("b"));
      rules.enable("big2", false);
      d.send(tx("c", T0 + 2, "u1", null, "500"));
      rules.enable("big2", true);
      d.send(tx("e", T0 + 3, "u1", null, "500"));
      rules.delete("big2");
      d.send(tx("f", T0 + 4, "u1", null, "500"));
      assertThat(d.alerts("big2")).extracting(a -> a.eventIds().get(0)).containsExactly("b", "e");
      assertThat(rules.get("big2")).isEmpty();
      assertThat(rules.list()).extracting(RuleHistory::id).containsExactly("big");
      RuleCatalog.Change again = rules.deploy("big2", v1, "k");
      assertThat(again.created()).isTrue();
      assertThat(again.history().activeVersion()).isEqualTo(3);
    }
  }

  /**
   * One rule is replaced ten times while events stream in; the alerts of a stateful rule beside
   * it must be exactly those the same events give without any swap (no loss, no duplicate, its
   * windows intact), computed by the sandbox.
   */
  @Test
  void hotReplace_underLoad_otherRulesAlertsAreExact() throws Exception {
    String steady = """
        rule steady
          by user_id
          when transaction over sliding 10m having count() >= 3
        """;
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      events.add(tx("e" + i, T0 + i * 1000L, "u" + (i % 17), "m" + (i % 5), Integer.toString(i % 200)));
    }
    List<String> expected = RuleSandbox.compile(List.of(), "steady.vgl", steady).run(events, null)
        .stream().map(Alert::alertId).sorted().toList();
    assertThat(expected).hasSizeGreaterThan(2500);
    try (EngineTestDriver d = start(dir, new RuleFile("steady.vgl", steady))) {
      AtomicReference<Throwable> failed = new AtomicReference<>();
      java.util.concurrent.CountDownLatch swapping = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread ingest = new Thread(() -> {
        try {
          swapping.await();
          for (int i = 0; i < events.size(); i += 50) {
            d.engine().ingest(events.subList(i, Math.min(events.size(), i + 50)));
          }
        } catch (Throwable t) {
          failed.set(t);
        } finally {
          done.set(true);
        }
      });
      ingest.start();
      swapping.countDown();
      // Swap for as long as events stream in (every event is ingested during the swaps), at least 10 times.
      int swaps = 0;
      while (!done.get() || swaps < 10) {
        d.engine().ruleCatalog().deploy("flip", """
            rule flip
              by merchant_id
              when transaction where amount > %d
            """.formatted(100 + swaps), "k");
        swaps++;
      }
      ingest.join();
      assertThat(failed.get()).isNull();
      d.flush();
      List<String> actual = d.alerts("steady").stream().map(Alert::alertId).sorted().toList();
      assertThat(actual).isEqualTo(expected);
      assertThat(d.engine().ruleCatalog().stats("steady").alerts()).isEqualTo(expected.size());
    }
  }
}
