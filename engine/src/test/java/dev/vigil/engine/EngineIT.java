package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.internal.store.RocksStorage;
import dev.vigil.engine.spi.AlertStore;
import dev.vigil.engine.spi.EventTypeStore;
import dev.vigil.engine.spi.Journal;
import dev.vigil.engine.spi.Storage;
import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end: real RocksDB store, real Esper, several shard threads. */
class EngineIT {

  private static final long T0 = 1_600_000_000_000L; // 2020: far from the (manual) wall clock

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

  @Test
  void filterRule_bigTransaction_storesAlertWithExactFields() throws Exception {
    String epl =
        "@Name('big-tx') @Tag(name='severity', value='high') @Tag(name='by', value='user_id') @Tag(name='version', value='2')\n"
            + "select user_id, event_id, 'big amount ' || cast(amount, string) as message from transaction where amount > 1000";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.send(tx("e1", T0, "u1", "m1", "999.99"), tx("e2", T0 + 1000, "u1", "m1", "1500"));

      assertThat(driver.alerts()).hasSize(1);
      Alert alert = driver.alerts().get(0);
      assertThat(alert.ruleId()).isEqualTo("big-tx");
      assertThat(alert.ruleVersion()).isEqualTo(2);
      assertThat(alert.severity()).isEqualTo("high");
      assertThat(alert.entity()).isEqualTo(new EntityRef("user_id", "u1"));
      assertThat(alert.eventIds()).containsExactly("e2");
      assertThat(alert.matchTime()).isEqualTo(T0 + 1000);
      assertThat(alert.windowStart()).isNull();
      assertThat(alert.windowEnd()).isNull();
      assertThat(alert.message()).isEqualTo("big amount 1500");
      assertThat(alert.createdAt()).isEqualTo(driver.clock().millis());
      assertThat(alert.alertId()).matches("[0-9a-f]{32}");
      assertThat(driver.engine().alerts().get(alert.alertId())).contains(alert);
      assertThat(driver.engine().rules())
          .containsExactly(new RuleInfo("big-tx", 2, "high", "user_id", "rules.epl"));
    }
  }

  @Test
  void keyedTimeWindow_followsEventTimeNotWallClock() throws Exception {
    String epl =
        "@Name('velocity') @Tag(name='by', value='user_id')\n"
            + "select user_id, count(*) as cnt, window(event_id) as event_ids from transaction#time(1 min)\n"
            + "group by user_id having count(*) >= 3";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, List.of(new RuleFile("v.epl", epl)), 4)) {
      // The driver's wall clock stands at 2024 while these events happened in 2020: windows follow
      // the events' own times. (Moving the wall clock between sends would be idle time, which
      // legitimately advances the watermark — see docs/design/event-time.md — so it stays put.)
      driver.send(tx("a1", T0, "u1", "m1", "1"), tx("b1", T0, "u2", "m1", "1"));
      driver.send(tx("a2", T0 + 30_000, "u1", "m1", "1"), tx("b2", T0 + 30_000, "u2", "m1", "1"));
      driver.send(tx("a3", T0 + 70_000, "u1", "m1", "1")); // a1 left the 1-minute window
      assertThat(driver.alerts()).isEmpty();

      driver.send(tx("a4", T0 + 80_000, "u1", "m1", "1"), tx("b3", T0 + 50_000, "u2", "m1", "1"));

      assertThat(driver.alerts())
          .extracting(a -> a.entity().key() + ":" + a.eventIds() + "@" + a.matchTime())
          .containsExactlyInAnyOrder("u1:[a2, a3, a4]@" + (T0 + 80_000), "u2:[b1, b2, b3]@" + (T0 + 50_000));
    }
  }

  @Test
  void merchantRule_eventsOfSeveralUsers_seenTogether() throws Exception {
    String epl =
        "@Name('merchant-burst') @Tag(name='by', value='merchant_id')\n"
            + "select merchant_id, window(event_id) as event_ids from transaction#time(10 min)\n"
            + "group by merchant_id having count(distinct user_id) >= 3";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, List.of(new RuleFile("m.epl", epl)), 4)) {
      driver.send(tx("t1", T0, "u1", "m1", "5"), tx("t2", T0 + 1, "u2", "m1", "5"), tx("t3", T0 + 2, "u2", "m2", "5"));
      driver.send(tx("t4", T0 + 3, "u3", "m1", "5"), tx("t5", T0 + 4, "u4", null, "5"));

      assertThat(driver.alerts()).hasSize(1);
      Alert alert = driver.alerts().get(0);
      assertThat(alert.entity()).isEqualTo(new EntityRef("merchant_id", "m1"));
      assertThat(alert.eventIds()).containsExactly("t1", "t2", "t4");
    }
  }

  @Test
  void eventRoutedToTwoKeys_eachRuleAlertsExactlyOnce() throws Exception {
    String epl =
        """
        @Name('user-big') @Tag(name='by', value='user_id') select user_id, event_id from transaction where amount > 100;
        @Name('merchant-big') @Tag(name='by', value='merchant_id') select merchant_id, event_id from transaction where amount > 100;
        @Name('any-big') select event_id from transaction where amount > 100;
        """;
    try (EngineTestDriver driver = EngineTestDriver.start(dir, List.of(new RuleFile("r.epl", epl)), 3)) {
      driver.send(tx("e1", T0, "u1", "m1", "500"), tx("e2", T0, "u2", "m2", "50"));

      assertThat(driver.alerts())
          .extracting(a -> a.ruleId() + "/" + a.entity().type() + "=" + a.entity().key() + "/" + a.eventIds())
          .containsExactlyInAnyOrder(
              "user-big/user_id=u1/[e1]", "merchant-big/merchant_id=m1/[e1]", "any-big/global=/[e1]");
      assertThat(driver.meters().counter("vigil.engine.alerts", "rule", "any-big", "outcome", "new").count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void duplicateEventIds_notProcessedTwice() throws Exception {
    String epl =
        "@Name('twice') @Tag(name='by', value='user_id')\n"
            + "select user_id from transaction#time(1 hour) group by user_id having count(*) >= 2";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      assertThat(driver.send(tx("e1", T0, "u1", "m1", "1"), tx("e1", T0 + 1, "u1", "m1", "1")))
          .containsExactly(Admission.ACCEPTED, Admission.DUPLICATE);
      assertThat(driver.send(tx("e1", T0 + 2, "u1", "m1", "1"))).containsExactly(Admission.DUPLICATE);

      assertThat(driver.alerts()).isEmpty();
      driver.send(tx("e2", T0 + 3, "u1", "m1", "1"));
      assertThat(driver.alerts()).hasSize(1);
      assertThat(driver.engine().queueDepth()).isZero();
    }
  }

  @Test
  void ingest_underFsync_countsTheJournalsFsyncsInTheMeters() throws Exception {
    EngineConfig config =
        new EngineConfig(dir, List.of(), 2, 100, Duration.ofHours(1), Durability.FSYNC, new ManualClock(T0));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Engine engine = Engine.start(config, meters)) {
      engine.ingest(List.of(tx("a", T0, "u", "m", "1")));
      engine.ingest(List.of(tx("b", T0, "u", "m", "1")));

      // Each batch came alone, so each waited for its own fsync.
      assertThat(meters.get("vigil.journal.fsyncs").functionCounter().count()).isGreaterThanOrEqualTo(2);
      assertThat(meters.get("vigil.journal.fsync.seconds").functionCounter().count()).isPositive();
    }
  }

  @Test
  void batchLargerThanQueue_overloadedAndNothingJournaled() throws Exception {
    ManualClock clock = new ManualClock(T0);
    EngineConfig config =
        new EngineConfig(dir, List.of(), 2, 2, Duration.ofHours(1), Durability.FSYNC, clock);
    try (Engine engine = Engine.start(config, new SimpleMeterRegistry())) {
      assertThatThrownBy(() -> engine.ingest(List.of(tx("a", T0, "u", "m", "1"), tx("b", T0, "u", "m", "1"), tx("c", T0, "u", "m", "1"))))
          .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
      assertThat(engine.queueDepth()).isZero();
    }
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      assertThat(storage.journal().lastSequence()).isZero();
    }
  }

  @Test
  void shardBusy_queueFull_overloadedUntilDrained() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    Storage storage = new BlockingAlertsStorage(RocksStorage.open(dir, Durability.NONE), blocked, release);
    ManualClock clock = new ManualClock(T0 + 3_600_000);
    EngineConfig config =
        new EngineConfig(
                dir, List.of(new RuleFile("r.epl", "@Name('all') select event_id from transaction")),
                1, 2, Duration.ofHours(1), Durability.NONE, clock)
            .withAllowedLateness(Duration.ZERO)
            .withIdleTimeout(Duration.ZERO);
    try (Engine engine = Engine.start(config, new SimpleMeterRegistry(), storage)) {
      engine.ingest(List.of(tx("e1", T0, "u", "m", "1")));
      clock.advance(Duration.ofMillis(1)); // idle progress releases e1
      assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue(); // the shard is stuck storing e1's alert
      engine.ingest(List.of(tx("e2", T0 + 10, "u", "m", "1")));
      assertThat(engine.queueDepth()).isEqualTo(2);

      assertThatThrownBy(() -> engine.ingest(List.of(tx("e3", T0 + 20, "u", "m", "1"))))
          .isInstanceOf(OverloadedException.class);
      assertThat(storage.journal().lastSequence()).isEqualTo(2);

      release.countDown();
      clock.advance(Duration.ofMillis(100));
      assertThat(engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(engine.ingest(List.of(tx("e3", T0 + 1000, "u", "m", "1")))).containsExactly(Admission.ACCEPTED);
      clock.advance(Duration.ofMillis(2000));
      assertThat(engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(engine.alerts().count()).isEqualTo(3);
    }
  }

  @Test
  void queueFullOfBufferedEvents_refusedBatchMovesTheWatermark_itsRetryIsAcceptedOnTime() throws Exception {
    ManualClock clock = new ManualClock(T0 + 3_600_000); // stands still: no idle progress either
    EngineConfig config =
        new EngineConfig(
                dir, List.of(new RuleFile("r.epl", "@Name('all') select event_id from transaction")),
                1, 3, Duration.ofHours(1), Durability.NONE, clock)
            .withAllowedLateness(Duration.ofSeconds(5))
            .withIdleTimeout(Duration.ofHours(1));
    try (Engine engine = Engine.start(config, new SimpleMeterRegistry())) {
      engine.ingest(List.of(tx("e1", T0, "u", "m", "1"), tx("e2", T0 + 1000, "u", "m", "1"),
          tx("e3", T0 + 2000, "u", "m", "1")));
      assertThat(engine.queueDepth()).as("all three wait for the watermark").isEqualTo(3);
      List<Event> next = List.of(tx("e4", T0 + 8000, "u", "m", "1"), tx("e5", T0 + 9000, "u", "m", "1"));
      assertThatThrownBy(() -> engine.ingest(next)).isInstanceOf(OverloadedException.class);

      // The refusal moved the watermark to e4's time - 5 s: e1..e3 are released, their permits freed.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> engine.queueDepth() == 0);
      assertThat(engine.alerts().count()).isEqualTo(3);
      assertThat(engine.ingest(next)).containsExactly(Admission.ACCEPTED, Admission.ACCEPTED);
    }
  }

  @Test
  void refusedLongerThanTheIdleTimeout_idleProgressStopsAtTheRefusedBatch_itsRetryIsOnTime() throws Exception {
    ManualClock clock = new ManualClock(T0 + 3_600_000);
    EngineConfig config =
        new EngineConfig(
                dir, List.of(new RuleFile("r.epl", "@Name('all') select event_id from transaction")),
                1, 3, Duration.ofHours(1), Durability.NONE, clock)
            .withAllowedLateness(Duration.ofSeconds(5))
            .withIdleTimeout(Duration.ofSeconds(2)); // refusals hold idle progress for 6 x 2 s
    try (Engine engine = Engine.start(config, new SimpleMeterRegistry())) {
      engine.ingest(List.of(tx("e1", T0, "u", "m", "1"), tx("e2", T0 + 1000, "u", "m", "1"),
          tx("e3", T0 + 2000, "u", "m", "1")));
      List<Event> next = List.of(tx("e4", T0 + 2500, "u", "m", "1"));
      // Within the lateness of the newest: the refusal releases nothing, the queue stays full.
      assertThatThrownBy(() -> engine.ingest(next)).isInstanceOf(OverloadedException.class);
      assertThat(engine.queueDepth()).isEqualTo(3);

      // Eight idle seconds would move the watermark to T0 + 5 500, past e4; it stops at e4's time.
      clock.advance(Duration.ofSeconds(8));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> engine.queueDepth() == 0);
      assertThat(engine.ingest(next)).containsExactly(Admission.ACCEPTED);
    }
  }

  @Test
  void badEpl_ruleLoadExceptionNamesFileAndLine_andStoreIsReleased() throws Exception {
    List<RuleFile> rules =
        List.of(
            new RuleFile("good.epl", "@Name('ok') select * from transaction"),
            new RuleFile("bad.epl", "// first line\n@Name('ok2') select * from transaction;\n\n@Name('bad') select * form transaction"));
    assertThatThrownBy(() -> EngineTestDriver.start(dir, rules, 1))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageStartingWith("bad.epl:4: ");
    try (RocksStorage storage = RocksStorage.open(dir, Durability.NONE)) {
      assertThat(storage.journal().lastSequence()).isZero();
    }
  }

  @Test
  void customType_declaredThenRestartedWithRuleOnIt_alerts() throws Exception {
    EventType payout =
        EventType.custom("payout", List.of(FieldSpec.key("account_id").asRequired(), FieldSpec.of("amount", FieldType.DECIMAL)));
    try (EngineTestDriver driver = EngineTestDriver.start(dir, "@Name('any') select event_id from transaction")) {
      driver.send(tx("warm", T0, "u1", "m1", "1")); // opens a runtime before the type exists
      assertThat(driver.engine().eventTypes().declare(payout)).isTrue();
      driver.send(new Event("p0", "payout", T0 + 1000, Map.of("account_id", "a1", "amount", BigDecimal.TEN), Map.of()));
      assertThat(driver.meters().counter("vigil.engine.rule.errors").count()).isZero();
    }
    String epl =
        "@Name('big-payout') @Tag(name='by', value='account_id') select account_id, event_id from payout where amount > 100";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      assertThat(driver.engine().eventTypes().get("payout")).contains(payout);
      // After T0 + 1000: the restart rebuilt event-time progress from the journal, so T0 is late now.
      driver.send(new Event("p1", "payout", T0 + 2000, Map.of("account_id", "a1", "amount", new BigDecimal("500")), Map.of()));
      assertThat(driver.alerts("big-payout"))
          .extracting(a -> a.entity().key() + "/" + a.eventIds())
          .containsExactly("a1/[p1]");
    }
  }

  @Test
  void declare_conflictsAndIdenticalRedeclaration() throws Exception {
    EventType payout = EventType.custom("payout", List.of(FieldSpec.key("account_id")));
    try (EngineTestDriver driver = EngineTestDriver.start(dir, List.of(), 1)) {
      EventTypes types = driver.engine().eventTypes();
      assertThat(types.declare(payout)).isTrue();
      assertThat(types.declare(payout)).isFalse();
      assertThatThrownBy(() -> types.declare(EventType.custom("payout", List.of(FieldSpec.key("other")))))
          .isInstanceOf(EventTypeConflictException.class);
      assertThatThrownBy(() -> types.declare(EventType.custom("transaction", List.of())))
          .isInstanceOf(EventTypeConflictException.class);
      assertThatThrownBy(() -> types.declare(EventType.custom("Bad Name", List.of())))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> types.declare(EventType.custom("order", List.of(FieldSpec.key("user_id")))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(types.get("order")).isEmpty();
      assertThat(types.all()).extracting(EventType::name)
          .containsExactly("transaction", "login", "account_update", "payout");
    }
  }

  @Test
  void alertIds_stableAcrossRunsAndShardCounts() throws Exception {
    String epl =
        """
        @Name('velocity') @Tag(name='by', value='user_id')
        select user_id, window(event_id) as event_ids from transaction#time(1 min) group by user_id having count(*) >= 2;
        @Name('big') select event_id from transaction where amount > 100;
        """;
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(tx("e" + i, T0 + i * 1000L, "u" + (i % 7), "m" + (i % 3), Integer.toString(i * 10)));
    }
    List<String> first = alertIds(dir.resolve("one"), epl, events, 1);
    List<String> second = alertIds(dir.resolve("two"), epl, events, 4);
    assertThat(first).isNotEmpty().hasSizeGreaterThan(40).isEqualTo(second);
  }

  private static List<String> alertIds(Path data, String epl, List<Event> events, int shards) throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(data, List.of(new RuleFile("r.epl", epl)), shards)) {
      driver.send(events);
      return driver.alerts().stream().map(Alert::alertId).sorted().toList();
    }
  }

  @Test
  void close_withEventsQueued_evaluatesReleasedOnes_replaysBufferedOnesAtStart() throws Exception {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(tx("e" + i, T0 + i, "u" + (i % 13), "m" + (i % 5), "1"));
    }
    String epl = "@Name('all') @Tag(name='by', value='user_id') select user_id, event_id from transaction";
    EngineConfig config =
        new EngineConfig(
                dir, List.of(new RuleFile("r.epl", epl)),
                2, 1000, Duration.ofHours(1), Durability.NONE, new ManualClock(T0 + 3_600_000))
            .withAllowedLateness(Duration.ZERO);
    Engine engine = Engine.start(config, new SimpleMeterRegistry());
    engine.ingest(events);
    engine.close();
    assertThatThrownBy(() -> engine.ingest(List.of(tx("late", T0, "u", "m", "1")))).isInstanceOf(OverloadedException.class);
    String lastUser = "u" + (499 % 13);
    try (RocksStorage storage = RocksStorage.open(dir, Durability.NONE)) {
      // Every queued event was taken; the newest one of each shard still waited for the watermark.
      assertThat(storage.alerts().count()).isEqualTo(498);
      assertThat(storage.journal().lastSequence()).isEqualTo(500);
      assertThat(storage.journal().appliedSequence()).isLessThan(500);
    }
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.flush();
      assertThat(driver.engine().alerts().count()).isEqualTo(500);
      assertThat(driver.alerts()).filteredOn(a -> a.eventIds().equals(List.of("e499")))
          .extracting(a -> a.entity().key()).containsExactly(lastUser);
    }
  }

  @Test
  void start_journaledButUnprocessedEvents_areReplayedIntoTheRules() throws Exception {
    // Events accepted (journaled) by a process that died before its shards evaluated them.
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      storage.journal().admit(
          List.of(tx("r1", T0, "u1", "m1", "5000"), tx("r2", T0 + 1, "u2", "m1", "10"), tx("r3", T0 + 2, "u3", "m2", "7000")),
          T0, Duration.ofHours(1).toMillis());
      assertThat(storage.journal().appliedSequence()).isZero();
    }
    String epl = "@Name('big') @Tag(name='by', value='user_id') select user_id, event_id from transaction where amount > 1000";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.flush(); // replayed events wait for the watermark like new ones
      assertThat(driver.alerts("big")).extracting(a -> a.eventIds().get(0)).containsExactlyInAnyOrder("r1", "r3");
    }
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      assertThat(storage.journal().appliedSequence()).isEqualTo(3);
    }
  }

  @Test
  void restart_afterCleanClose_replaysNothing() throws Exception {
    String epl = "@Name('all') @Tag(name='by', value='user_id') select user_id, event_id from transaction";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.send(tx("a", T0, "u1", "m1", "1"), tx("b", T0 + 1, "u2", "m1", "1"));
    }
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.awaitIdle();
      assertThat(driver.meters().find("vigil.engine.events.processed").counters())
          .allSatisfy(c -> assertThat(c.count()).isZero());
      assertThat(driver.engine().alerts().count()).isEqualTo(2);
    }
  }

  /** A real store whose alert writes wait on a latch, to hold a shard busy. */
  private record BlockingAlertsStorage(Storage delegate, CountDownLatch blocked, CountDownLatch release)
      implements Storage {
    @Override
    public Journal journal() {
      return delegate.journal();
    }

    @Override
    public AlertStore alerts() {
      AlertStore alerts = delegate.alerts();
      return new AlertStore() {
        @Override
        public boolean accept(Alert alert, List<Delivery> deliveries) {
          blocked.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return alerts.accept(alert, deliveries);
        }

        @Override
        public java.util.Optional<Alert> get(String alertId) {
          return alerts.get(alertId);
        }

        @Override
        public AlertPage query(AlertQuery query) {
          return alerts.query(query);
        }

        @Override
        public long count() {
          return alerts.count();
        }
      };
    }

    @Override
    public ApiKeyStore apiKeys() {
      return delegate.apiKeys();
    }

    @Override
    public EventTypeStore eventTypes() {
      return delegate.eventTypes();
    }

    @Override
    public dev.vigil.engine.spi.DecisionStore decisions() {
      return delegate.decisions();
    }

    @Override
    public dev.vigil.engine.spi.LateEventStore lateEvents() {
      return delegate.lateEvents();
    }

    @Override
    public Subscriptions subscriptions() {
      return delegate.subscriptions();
    }

    @Override
    public Deliveries deliveries() {
      return delegate.deliveries();
    }

    @Override
    public dev.vigil.engine.spi.RuleStore rules() {
      return delegate.rules();
    }

    @Override
    public dev.vigil.engine.spi.RuleStore decisionSets() {
      return delegate.decisionSets();
    }

    @Override
    public dev.vigil.engine.spi.EntitySnapshots entitySnapshots() {
      return delegate.entitySnapshots();
    }

    @Override
    public long diskBytes() {
      return delegate.diskBytes();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
