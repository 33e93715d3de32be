package dev.vigil.engine.eventtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Alert;
import dev.vigil.engine.Durability;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Event;
import dev.vigil.engine.LateEvent;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.internal.store.RocksStorage;
import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time semantics end to end (real Esper, real RocksDB): epoch-aligned tumbling windows,
 * bounded lateness and late events, idle progress, replay through the reorder buffers. See
 * docs/design/event-time.md.
 */
class EventTimeIT {

  static final long DAY = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long TEN = Instant.parse("2024-01-01T10:00:00Z").toEpochMilli();
  /** The wall clock sits a day after the events, so idle progress is never capped by it. */
  static final long WALL = DAY + Duration.ofDays(1).toMillis();

  static final String CLICKS_PER_MINUTE =
      """
      @Name('clicks-per-minute')
      select count(*) as cnt, current_timestamp() - 60000L as window_start, current_timestamp() as window_end,
             'clicks ' || cast(count(*), string) as message
      from click#time_batch(1 min, 0L)
      having count(*) > 0
      """;

  @TempDir Path dir;

  static long at(String hhmmss) {
    return Instant.parse("2024-01-01T" + hhmmss + "Z").toEpochMilli();
  }

  static Event click(String id, long ts) {
    return new Event(id, "click", ts, Map.of("page_id", "p" + (id.hashCode() & 3)), Map.of());
  }

  /** Stores custom types before the engine starts, so rule files can read them. */
  static void declare(Path dir, EventType... types) {
    try (RocksStorage storage = RocksStorage.open(dir, Durability.NONE)) {
      for (EventType t : types) {
        storage.eventTypes().save(t);
      }
    }
  }

  EngineTestDriver start(String epl, Duration idleTimeout) throws Exception {
    ManualClock clock = new ManualClock(WALL);
    EngineConfig config =
        new EngineConfig(dir, List.of(new RuleFile("r.epl", epl)), 2, 10_000, Duration.ofHours(24), Durability.NONE, clock)
            .withIdleTimeout(idleTimeout);
    return EngineTestDriver.start(config, clock);
  }

  /** 45, 52 and 38 clicks in 10:00, 10:01, 10:02, evenly spread; ids name the minute. */
  static List<Event> seedClicks() {
    List<Event> clicks = new ArrayList<>();
    int[] counts = {45, 52, 38};
    for (int m = 0; m < 3; m++) {
      for (int i = 0; i < counts[m]; i++) {
        long ts = TEN + m * 60_000L + i * (60_000L / counts[m]);
        clicks.add(click("m" + m + "-" + i, ts));
      }
    }
    return clicks;
  }

  private List<Admission> sendSeedWithOneLateClick(EngineTestDriver driver) {
    long lateTs = at("10:01:45");
    long streamAt = at("10:02:30");
    List<Event> clicks = new ArrayList<>(seedClicks());
    Event straggler = click("straggler", lateTs);
    List<Event> before = clicks.stream().filter(e -> e.timestamp() <= streamAt).toList();
    List<Event> after = clicks.stream().filter(e -> e.timestamp() > streamAt).toList();
    for (int i = 0; i < before.size(); i += 10) {
      driver.send(before.subList(i, Math.min(before.size(), i + 10)));
    }
    List<Admission> admission = driver.send(straggler); // the stream is at 10:02:30 now
    driver.send(after);
    driver.flush(); // idle progress closes the last window
    await().untilAsserted(() -> assertThat(driver.alerts("clicks-per-minute")).hasSize(3));
    return admission;
  }

  private static List<String> windows(List<Alert> alerts) {
    return alerts.stream()
        .sorted(java.util.Comparator.comparing(Alert::windowStart))
        .map(a -> Instant.ofEpochMilli(a.windowStart()) + " " + a.message())
        .toList();
  }

  @Test
  void tumblingWindows_inOrder_countPerEpochAlignedMinute() throws Exception {
    declare(dir, EventType.custom("click", List.of(FieldSpec.key("page_id"))));
    try (EngineTestDriver driver = start(CLICKS_PER_MINUTE, Duration.ofSeconds(10))) {
      driver.send(seedClicks());
      driver.flush();
      await().untilAsserted(() -> assertThat(driver.alerts()).hasSize(3));

      assertThat(windows(driver.alerts()))
          .containsExactly(
              "2024-01-01T10:00:00Z clicks 45", "2024-01-01T10:01:00Z clicks 52", "2024-01-01T10:02:00Z clicks 38");
    }
  }

  @Test
  void clickAt10_01_45_arrivingAt10_02_30_lateness45s_landsInItsWindow() throws Exception {
    declare(dir, EventType.custom("click", List.of(FieldSpec.key("page_id")), Duration.ofSeconds(45)));
    try (EngineTestDriver driver = start(CLICKS_PER_MINUTE, Duration.ofSeconds(10))) {
      assertThat(sendSeedWithOneLateClick(driver)).containsExactly(Admission.ACCEPTED);

      assertThat(windows(driver.alerts()))
          .containsExactly(
              "2024-01-01T10:00:00Z clicks 45", "2024-01-01T10:01:00Z clicks 53", "2024-01-01T10:02:00Z clicks 38");
      assertThat(driver.lateEvents()).isEmpty();
    }
  }

  @Test
  void clickAt10_01_45_arrivingAt10_02_30_lateness30s_isReportedLate() throws Exception {
    declare(dir, EventType.custom("click", List.of(FieldSpec.key("page_id")), Duration.ofSeconds(30)));
    try (EngineTestDriver driver = start(CLICKS_PER_MINUTE, Duration.ofSeconds(10))) {
      assertThat(sendSeedWithOneLateClick(driver)).containsExactly(Admission.ACCEPTED_LATE);

      assertThat(windows(driver.alerts()))
          .containsExactly(
              "2024-01-01T10:00:00Z clicks 45", "2024-01-01T10:01:00Z clicks 52", "2024-01-01T10:02:00Z clicks 38");
      List<LateEvent> late = driver.lateEvents();
      assertThat(late).hasSize(1);
      assertThat(late.get(0).event().id()).isEqualTo("straggler");
      // the newest click before it was at 10:02:29.982: late against that minus 30 s
      assertThat(late.get(0).watermark()).isEqualTo(at("10:02:00") - 18);
      assertThat(late.get(0).arrivedAt()).isEqualTo(WALL);
      assertThat(driver.meters().counter("vigil.engine.events.late", "type", "click").count()).isEqualTo(1.0);
    }
  }

  @Test
  void temperature_averagePerSensorEvery5Minutes_withOneMinuteLateness() throws Exception {
    declare(dir, EventType.custom(
        "reading",
        List.of(FieldSpec.key("sensor_id").asRequired(), FieldSpec.of("celsius", FieldType.DECIMAL).asRequired()),
        Duration.ofMinutes(1)));
    String epl =
        """
        @Name('avg-temperature') @Tag(name='by', value='sensor_id')
        select sensor_id, avg(cast(celsius, double)) as avg_c,
               current_timestamp() - 300000L as window_start, current_timestamp() as window_end,
               sensor_id || ' ' || cast(avg(cast(celsius, double)), string) as message
        from reading#time_batch(5 min, 0L)
        group by sensor_id
        having count(*) > 0
        """;
    // Two sensors, a reading every 20 s for 15 minutes, delivered shuffled within 1 minute.
    List<Event> readings = new ArrayList<>();
    Random random = new Random(7);
    TreeMap<String, double[]> sums = new TreeMap<>(); // "sensor window" -> {sum, n}
    for (int i = 0; i < 45; i++) {
      for (String sensor : List.of("s1", "s2")) {
        long ts = TEN + i * 20_000L + (sensor.equals("s2") ? 7_000 : 0);
        double c = 18 + random.nextInt(10) + (random.nextBoolean() ? 0.5 : 0);
        readings.add(new Event(sensor + "-" + i, "reading", ts,
            Map.of("sensor_id", sensor, "celsius", BigDecimal.valueOf(c)), Map.of()));
        double[] acc = sums.computeIfAbsent(sensor + " " + Instant.ofEpochMilli(ts - (ts % 300_000)), k -> new double[2]);
        acc[0] += c;
        acc[1]++;
      }
    }
    List<Event> arrival = shuffleWithin(readings, 60_000, random);
    try (EngineTestDriver driver = start(epl, Duration.ofSeconds(30))) {
      for (int i = 0; i < arrival.size(); i += 6) {
        assertThat(driver.send(arrival.subList(i, Math.min(arrival.size(), i + 6))))
            .containsOnly(Admission.ACCEPTED);
      }
      driver.flush();
      await().untilAsserted(() -> assertThat(driver.alerts()).hasSize(6));

      List<String> expected = new ArrayList<>();
      sums.forEach((k, acc) -> expected.add(k.split(" ")[1] + " " + k.split(" ")[0] + " " + (acc[0] / acc[1])));
      assertThat(windows(driver.alerts())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Delays each event by a random 0..bound ms and delivers in that order: never later than bound. */
  static List<Event> shuffleWithin(List<Event> events, long bound, Random random) {
    List<long[]> keyed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      keyed.add(new long[] {events.get(i).timestamp() + (long) (random.nextDouble() * bound), i});
    }
    keyed.sort(java.util.Comparator.comparingLong((long[] k) -> k[0]).thenComparingLong(k -> k[1]));
    List<Event> out = new ArrayList<>();
    keyed.forEach(k -> out.add(events.get((int) k[1])));
    return out;
  }

  @Test
  void idleTimeout_lastWindowClosesAndAbsenceFires_withoutFurtherEvents() throws Exception {
    String epl =
        """
        @Name('logins-per-minute')
        select count(*) as cnt, current_timestamp() as window_end, 'logins ' || cast(count(*), string) as message
        from login#time_batch(1 min, 0L) having count(*) > 0;

        @Name('login-without-update') @Tag(name='by', value='user_id')
        select a.user_id as user_id, a.event_id as event_id
        from pattern [every a=login -> (timer:interval(2 min) and not account_update(user_id = a.user_id))];
        """;
    try (EngineTestDriver driver = start(epl, Duration.ofSeconds(10))) {
      driver.send(
          new Event("l1", "login", at("10:00:10"), Map.of("user_id", "u1"), Map.of()),
          new Event("l2", "login", at("10:00:20"), Map.of("user_id", "u2"), Map.of()),
          new Event("a2", "account_update", at("10:01:00"), Map.of("user_id", "u2", "field", "email"), Map.of()));
      assertThat(driver.alerts()).isEmpty(); // watermark 10:00:55: nothing due yet

      driver.clock().advance(Duration.ofSeconds(10)); // idle: watermark 10:01:05
      await().untilAsserted(() -> assertThat(driver.alerts()).extracting(Alert::ruleId).containsExactly("logins-per-minute"));
      assertThat(driver.alerts().get(0).message()).isEqualTo("logins 2");
      assertThat(driver.alerts().get(0).windowEnd()).isEqualTo(at("10:01:00"));

      driver.clock().advance(Duration.ofSeconds(70)); // idle: watermark 10:02:15, past 10:02:10
      await().untilAsserted(() -> assertThat(driver.alerts("login-without-update")).hasSize(1));
      Alert absence = driver.alerts("login-without-update").get(0);
      assertThat(absence.entity().key()).isEqualTo("u1");
      assertThat(absence.eventIds()).containsExactly("l1");
      assertThat(absence.matchTime()).isEqualTo(at("10:02:10"));
    }
  }

  @Test
  void replayAtStart_goesThroughTheReorderBuffer_andTheLateRule() throws Exception {
    // Journaled out of order by a process that died before evaluating them.
    List<Event> journaled = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      journaled.add(new Event("t" + i, "login", TEN + i * 1_000L, Map.of("user_id", "u1"), Map.of()));
    }
    Collections.swap(journaled, 2, 5); // within the 5 s default lateness
    journaled.add(new Event("old", "login", TEN - 60_000, Map.of("user_id", "u1"), Map.of())); // late
    try (RocksStorage storage = RocksStorage.open(dir, Durability.NONE)) {
      storage.journal().admit(journaled, WALL, Duration.ofHours(1).toMillis());
    }
    String epl =
        "@Name('seq') @Tag(name='by', value='user_id') select user_id, window(event_id) as event_ids from login#length(3) group by user_id";
    try (EngineTestDriver driver = start(epl, Duration.ofSeconds(10))) {
      driver.flush();
      await().untilAsserted(() -> assertThat(driver.alerts()).hasSize(10));

      assertThat(driver.alerts().stream().map(a -> a.eventIds().get(a.eventIds().size() - 1)).sorted().toList())
          .containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
      assertThat(driver.alerts()).extracting(Alert::eventIds).allSatisfy(ids -> assertThat(ids).isSorted());
      assertThat(driver.lateEvents()).extracting(l -> l.event().id()).containsExactly("old");
      assertThat(driver.lateEvents().get(0).sequence()).isEqualTo(11);
    }
  }
}
