package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.internal.host.ShardPool;
import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real engine folding into a real (single-member) statistics store. */
class StatisticsEngineIT {
  private static final long T0 = 1_795_000_000_000L;
  private static final String RULES = """
      @Name('amount_spike')
      @Tag(name='by', value='user_id')
      select user_id, event_id from transaction(stats.count_amount >= 10 and stats.zscore_amount > 3);

      @Name('first_transaction')
      @Tag(name='by', value='user_id')
      select user_id, event_id from transaction(stats.count_amount = 0 and stats.last_seen is null);
      """;

  static Statistics statistics;

  @BeforeAll
  static void startStatistics() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    statistics = Statistics.start(new StatisticsConfig("vigil-it-" + UUID.randomUUID(), "127.0.0.1", port, List.of(), 1));
  }

  @AfterAll
  static void stopStatistics() {
    statistics.close();
  }

  private EngineTestDriver driver(Path dir) throws RuleLoadException {
    ManualClock clock = new ManualClock(T0 + Duration.ofDays(1).toMillis());
    EngineConfig config = new EngineConfig(dir, List.of(new RuleFile("r.epl", RULES)), 2, 10_000,
        Duration.ofHours(24), Durability.NONE, clock)
        .withAllowedLateness(Duration.ZERO)
        .withIdleTimeout(Duration.ZERO);
    return EngineTestDriver.start(config, clock, statistics);
  }

  @Test
  void amountSpike_firesOnlyAboveThreeSigmaWithTenTransactions(@TempDir Path dir) throws Exception {
    String p = UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Event> events = new ArrayList<>();
    int[] normal = {100, 105, 95, 102, 98, 101, 99, 103, 97, 100};
    for (int a : normal) {
      events.add(tx(p + "u1", a, events.size(), p + "c1"));
    }
    events.add(tx(p + "u1", 500, events.size(), p + "c1"));
    events.add(tx(p + "u1", 104, events.size(), p + "c1"));
    for (int i = 0; i < 5; i++) {
      events.add(tx(p + "u2", 20, events.size(), p + "c2"));
    }
    events.add(tx(p + "u2", 5000, events.size(), p + "c2"));
    for (int i = 0; i < 10; i++) {
      events.add(tx(p + "u4", 50, events.size(), p + "c4"));
    }
    events.add(tx(p + "u4", 1000, events.size(), p + "c4"));
    try (EngineTestDriver d = driver(dir)) {
      d.send(events);
      assertThat(d.alerts("amount_spike")).extracting(a -> a.eventIds().get(0)).containsExactly(events.get(10).id());
      assertThat(d.alerts("first_transaction")).extracting(a -> a.entity().key())
          .containsExactlyInAnyOrder(p + "u1", p + "u2", p + "u4");
      EntityStats u1 = d.engine().entityStats("user_id", p + "u1").orElseThrow();
      assertThat(u1.field("transaction", "amount").count()).isEqualTo(12);
      // card_id is no rule's route key: its statistics go through the batched path.
      EntityStats c2 = d.engine().entityStats("card_id", p + "c2").orElseThrow();
      assertThat(c2.eventCount()).isEqualTo(6);
      assertThat(c2.field("transaction", "amount").max()).isEqualTo(5000.0);
      assertThat(d.engine().entityStats("user_id", p + "nobody")).isEmpty();
    }
  }

  @Test
  void sameBatchTwice_leavesIdenticalStatistics(@TempDir Path dir) throws Exception {
    String p = UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(tx(p + "u" + (i % 4), 10 + i, i, p + "c" + (i % 3)));
    }
    try (EngineTestDriver d = driver(dir)) {
      d.send(batch);
      Map<String, EntityStats> first = snapshot(d.engine(), p);
      assertThat(d.send(batch)).containsOnly(Admission.DUPLICATE);
      assertThat(snapshot(d.engine(), p)).isEqualTo(first);
      assertThat(first.get("user_id:" + p + "u0").eventCount()).isEqualTo(10);
    }
  }

  /**
   * Sample 11 (samples/rules/dsl/11_amount_outlier.vgl) compiled from the rule language and
   * evaluated against the real store: an outlier before the 10th transaction does not alert, the
   * outlier after ten does, once; and {@code stats.seen} answers from the real distinct sets.
   */
  @Test
  void sample11_dslRule_firesOnTheOutlierAfterTenTransactionsAndNotBefore(@TempDir Path dir) throws Exception {
    String sample = Files.readString(Path.of("../samples/rules/dsl/11_amount_outlier.vgl"));
    String newCountry = """
        rule new_country
          by user_id
          when transaction where stats.count(amount) >= 3 and not stats.seen(country) and stats.last_seen is not null
        """;
    String p = UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Event> events = new ArrayList<>();
    int[] early = {100, 104, 96, 102, 98, 900};
    for (int a : early) {
      events.add(tx(p + "early", a, events.size(), p + "c1"));
    }
    int[] normal = {100, 104, 96, 102, 98, 101, 99, 103, 97, 100, 107};
    for (int a : normal) {
      events.add(tx(p + "u1", a, events.size(), p + "c2"));
    }
    events.add(tx(p + "u1", 950, events.size(), p + "c2"));
    events.add(tx(p + "u1", 130, events.size(), p + "c2"));
    Event home = tx(p + "u1", 100, events.size(), p + "c2");
    Map<String, Object> fields = new HashMap<>(home.fields());
    fields.put("country", "FR");
    Event abroad = new Event(home.id(), "transaction", home.timestamp(), fields, Map.of());
    events.add(abroad);
    ManualClock clock = new ManualClock(T0 + Duration.ofDays(1).toMillis());
    EngineConfig config = new EngineConfig(dir, List.of(new RuleFile("11_amount_outlier.vgl", sample),
        new RuleFile("new_country.vgl", newCountry)), 2, 10_000, Duration.ofHours(24), Durability.NONE, clock)
        .withAllowedLateness(Duration.ZERO)
        .withIdleTimeout(Duration.ZERO);
    try (EngineTestDriver d = EngineTestDriver.start(config, clock, statistics)) {
      d.send(events);
      assertThat(d.alerts("amount_outlier")).extracting(a -> a.eventIds().get(0)).containsExactly(events.get(17).id());
      // tx() builds amounts with BigDecimal.valueOf(double), so 950 renders as written there: 950.0
      assertThat(d.alerts("amount_outlier").get(0).message()).isEqualTo("User " + p + "u1: 950.0 is far above their usual");
      assertThat(d.alerts("new_country")).extracting(a -> a.eventIds().get(0)).containsExactly(abroad.id());
    }
  }

  /**
   * {@code stats.entity_keys: user_id} and {@code stats.dimensions: country}: events fold into
   * their user only (no card or merchant entity is stored, not even through the batched path), the
   * user counts distinct countries but not merchants or cards, the user's statistics still drive a
   * rule, and rules or decisions reading a card's statistics or the user's distinct merchants are
   * rejected with R2030, not deployed.
   */
  @Test
  void statisticsKeptForUsersOnly_foldNoCard_andRejectRulesReadingCards(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String sample = Files.readString(Path.of("../samples/rules/dsl/11_amount_outlier.vgl"));
    String p = UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Event> events = new ArrayList<>();
    int[] amounts = {100, 104, 96, 102, 98, 101, 99, 103, 97, 100, 107, 950};
    for (int a : amounts) {
      Event e = tx(p + "u1", a, events.size(), p + "c1");
      Map<String, Object> fields = new HashMap<>(e.fields());
      fields.put("merchant_id", p + "m1");
      events.add(new Event(e.id(), e.type(), e.timestamp(), fields, Map.of()));
    }
    ManualClock clock = new ManualClock(T0 + Duration.ofDays(1).toMillis());
    EngineConfig config = new EngineConfig(dir, List.of(new RuleFile("11_amount_outlier.vgl", sample)), 2, 10_000,
        Duration.ofHours(24), Durability.NONE, clock)
        .withAllowedLateness(Duration.ZERO)
        .withIdleTimeout(Duration.ZERO);
    try (Statistics usersOnly = Statistics.start(new StatisticsConfig("vigil-it-" + UUID.randomUUID(), "127.0.0.1",
            port, List.of(), 1).withEntityKeys(Set.of("user_id")).withDimensions(Set.of("country")));
        EngineTestDriver d = EngineTestDriver.start(config, clock, usersOnly)) {
      d.send(events);
      assertThat(d.alerts("amount_outlier")).extracting(a -> a.eventIds().get(0)).containsExactly(events.get(11).id());
      EntityStats user = d.engine().entityStats("user_id", p + "u1").orElseThrow();
      assertThat(user.eventCount()).isEqualTo(12);
      assertThat(user.distinct()).containsOnlyKeys("country");
      // Nothing was folded into the card or the merchant: the store has no record of either.
      assertThat(usersOnly.backend().get("card_id", p + "c1")).isEmpty();
      assertThat(usersOnly.backend().get("merchant_id", p + "m1")).isEmpty();
      assertThat(d.engine().statisticsKept("user_id")).isTrue();
      assertThat(d.engine().statisticsKept("card_id")).isFalse();

      String byCard = "rule card_outlier\n  by card_id\n  when transaction where zscore(amount) > 3\n";
      assertThat(d.engine().ruleCompiler().check("r.vgl", byCard))
          .extracting(diagnostic -> diagnostic.code().code()).containsExactly("R2030");
      assertThatThrownBy(
              () -> d.engine().ruleCatalog().deploy("card_outlier", byCard, "it"))
          .isInstanceOf(dev.vigil.rules.RuleException.class)
          .hasMessageContaining("this node keeps no statistics for 'card_id' (stats.entity_keys: user_id)");
      assertThat(d.engine().ruleCatalog().get("card_outlier")).isEmpty();
      assertThat(d.engine().ruleCompiler().check("r.vgl",
              "rule many_merchants\n  by user_id\n  when transaction where stats.distinct(merchant_id, 30d) > 5\n"))
          .extracting(diagnostic -> diagnostic.message())
          .containsExactly("this node keeps no distinct values of 'merchant_id' (stats.dimensions: country)");
      assertThatThrownBy(() -> d.engine().decisions().deploy("risk",
              "decision risk on transaction by card_id\n  score 50 \"far\" when zscore(amount) > 3\n"
                  + "  review when score >= 50\n  allow otherwise\n", "it"))
          .isInstanceOf(dev.vigil.rules.RuleException.class)
          .hasMessageContaining("R2030");
      assertThatCode(() -> d.engine().sandbox("ok.vgl",
          "rule user_outlier\n  by user_id\n  when transaction where zscore(amount) > 3\n")).doesNotThrowAnyException();
    }
  }

  @Test
  void lateEvent_updatesStatisticsOnce_butReachesNoRule(@TempDir Path dir) throws Exception {
    String p = UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Event> onTime = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      onTime.add(tx(p + "u1", 100, 10 + i, p + "c1"));
    }
    Event late = tx(p + "u1", 700, 2, p + "c9");
    // A new user on u1's shard (watermarks are per shard), so its event is late too.
    String u9 = p + "u9";
    for (int i = 10; ShardPool.shardOf("user_id", u9, 2) != ShardPool.shardOf("user_id", p + "u1", 2); i++) {
      u9 = p + "u" + i;
    }
    Event lateNewUser = tx(u9, 50, 3, p + "c9");
    try (EngineTestDriver d = driver(dir)) {
      d.send(onTime);
      assertThat(d.send(late, lateNewUser)).containsOnly(Admission.ACCEPTED_LATE);
      d.awaitIdle();
      EntityStats u1 = d.engine().entityStats("user_id", p + "u1").orElseThrow();
      assertThat(u1.field("transaction", "amount").count()).isEqualTo(6);
      assertThat(u1.field("transaction", "amount").max()).isEqualTo(700.0);
      assertThat(u1.firstSeen()).isEqualTo(late.timestamp());
      assertThat(d.engine().entityStats("card_id", p + "c9").orElseThrow().eventCount()).isEqualTo(2);
      assertThat(d.engine().entityStats("user_id", u9).orElseThrow().eventCount()).isEqualTo(1);
      // No rule saw the late events: the new user's first transaction raised nothing.
      assertThat(d.alerts("first_transaction")).extracting(a -> a.entity().key()).containsExactly(p + "u1");

      assertThat(d.send(late)).containsExactly(Admission.DUPLICATE);
      d.awaitIdle();
      assertThat(d.engine().entityStats("user_id", p + "u1").orElseThrow().field("transaction", "amount").count())
          .isEqualTo(6);
    }
  }

  private static Map<String, EntityStats> snapshot(Engine engine, String p) {
    Map<String, EntityStats> m = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      m.put("user_id:" + p + "u" + i, engine.entityStats("user_id", p + "u" + i).orElseThrow());
    }
    for (int i = 0; i < 3; i++) {
      m.put("card_id:" + p + "c" + i, engine.entityStats("card_id", p + "c" + i).orElseThrow());
    }
    return m;
  }

  private static Event tx(String user, double amount, int minute, String card) {
    Map<String, Object> f = new HashMap<>();
    f.put("user_id", user);
    f.put("amount", BigDecimal.valueOf(amount));
    f.put("currency", "EUR");
    f.put("card_id", card);
    f.put("country", "DE");
    return new Event(UUID.randomUUID().toString(), "transaction", T0 + minute * 60_000L, f, Map.of());
  }
}
