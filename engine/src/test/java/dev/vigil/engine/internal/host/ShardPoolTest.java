package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Event;
import dev.vigil.engine.RuleInfo;
import dev.vigil.rules.schema.EventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPoolTest {

  /** A delivery as a runtime saw it. */
  record Seen(String thread, String routeKey, String eventId) {}

  /** A rule set whose runtimes only record what they receive. */
  static final class RecordingRules implements RuleSet {
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    final Set<String> keys;
    final boolean global;

    RecordingRules(boolean global, String... keys) {
      this.global = global;
      this.keys = new LinkedHashSet<>(List.of(keys));
    }

    @Override
    public List<RuleInfo> rules() {
      return List.of();
    }

    @Override
    public Set<String> routeKeys() {
      return keys;
    }

    @Override
    public boolean hasGlobalRules() {
      return global;
    }

    @Override
    public void addType(EventType type) {}

    @Override
    public RuleRuntime open(String routeKey, long startTime, MatchSink sink) {
      return new RuleRuntime() {
        long now = startTime;

        @Override
        public void send(Event event) {
          seen.add(new Seen(Thread.currentThread().getName(), routeKey, event.id()));
        }

        @Override
        public void advanceTime(long epochMillis) {
          now = epochMillis;
        }

        @Override
        public long currentTime() {
          return now;
        }

        @Override
        public void syncTypes() {}

        @Override
        public void destroy() {}
      };
    }
  }

  private static Event event(int i, String user, String merchant) {
    Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("user_id", user);
    if (merchant != null) {
      fields.put("merchant_id", merchant);
    }
    return new Event("e" + i, "transaction", i, fields, Map.of());
  }

  private final java.util.concurrent.atomic.AtomicLong wall = new java.util.concurrent.atomic.AtomicLong();

  /** Lateness 0, idle timeout 0: after the wall clock moves, the watermark passes every event. */
  private ShardPool pool(RuleSet rules, AdmissionGate gate, int shards) {
    return pool(rules, gate, shards, Duration.ZERO);
  }

  private ShardPool pool(RuleSet rules, AdmissionGate gate, int shards, Duration lateness) {
    EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry(), gate, shards);
    LatenessPolicy policy = new LatenessPolicy(lateness, List.of());
    return new ShardPool(shards, rules, m -> {}, gate, metrics, policy, Duration.ZERO, wall::get);
  }

  @Test
  void dispatch_outOfOrderWithinLateness_evaluatedInEventTimeOrder() throws Exception {
    RecordingRules rules = new RecordingRules(true);
    AdmissionGate gate = new AdmissionGate(100);
    ShardPool pool = pool(rules, gate, 1, Duration.ofMillis(10));
    pool.start();
    assertThat(gate.tryAcquire(5)).isTrue();
    int[] times = {100, 95, 105, 96, 120};
    for (int t : times) {
      assertThat(pool.dispatch(new Event("e" + t, "transaction", t, Map.of(), Map.of()), () -> {}))
          .isEqualTo(ShardPool.ON_TIME);
    }
    pool.barrier().get();
    // watermark 120 - 10 = 110: everything before it is out, in order; 120 waits
    assertThat(rules.seen).extracting(Seen::eventId).containsExactly("e95", "e96", "e100", "e105");
    assertThat(gate.inFlight()).isEqualTo(1);

    assertThat(gate.tryAcquire(1)).isTrue();
    assertThat(pool.dispatch(new Event("late", "transaction", 109, Map.of(), Map.of()), () -> {}))
        .isEqualTo(110L);
    assertThat(gate.inFlight()).isEqualTo(1);
    wall.set(1_000); // idle: the watermark follows the wall clock
    assertThat(gate.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(rules.seen).extracting(Seen::eventId).containsExactly("e95", "e96", "e100", "e105", "e120");
    pool.stop(Duration.ofSeconds(5));
  }

  @Test
  void dispatch_routesOncePerPresentKey_globalOnShardZero_inOrderPerKeyValue() throws Exception {
    RecordingRules rules = new RecordingRules(true, "user_id", "merchant_id");
    AdmissionGate gate = new AdmissionGate(1000);
    ShardPool pool = pool(rules, gate, 4);
    pool.start();
    int n = 300;
    assertThat(gate.tryAcquire(n)).isTrue();
    for (int i = 0; i < n; i++) {
      pool.dispatch(event(i, "u" + (i % 11), i % 3 == 0 ? null : "m" + (i % 5)), () -> {});
    }
    wall.set(10_000);
    assertThat(gate.awaitIdle(Duration.ofSeconds(30))).isTrue();
    pool.stop(Duration.ofSeconds(30));

    long withMerchant = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 != 0).count();
    assertThat(rules.seen).hasSize((int) (n + n + withMerchant));
    assertThat(rules.seen.stream().filter(s -> s.routeKey() == null))
        .hasSize(n)
        .allMatch(s -> s.thread().equals("vigil-shard-0"));
    // every delivery of one key value ran on that value's shard thread, in dispatch order
    for (int u = 0; u < 11; u++) {
      String expectedThread = "vigil-shard-" + ShardPool.shardOf("user_id", "u" + u, 4);
      int user = u;
      List<Seen> ofUser =
          rules.seen.stream()
              .filter(s -> "user_id".equals(s.routeKey()))
              .filter(s -> Integer.parseInt(s.eventId().substring(1)) % 11 == user)
              .toList();
      assertThat(ofUser).allMatch(s -> s.thread().equals(expectedThread));
      assertThat(ofUser.stream().map(s -> Integer.parseInt(s.eventId().substring(1))).toList()).isSorted();
    }
  }

  @Test
  void dispatch_eventRoutedNowhere_releasesPermitAtOnce() throws Exception {
    AdmissionGate gate = new AdmissionGate(1);
    ShardPool pool = pool(new RecordingRules(false, "card_id"), gate, 2);
    pool.start();
    assertThat(gate.tryAcquire(1)).isTrue();
    pool.dispatch(event(1, "u1", "m1"), () -> {});
    assertThat(gate.inFlight()).isZero();
    pool.stop(Duration.ofSeconds(5));
  }

  @Test
  void shardOf_isStableAndSpreads() {
    assertThat(ShardPool.shardOf("user_id", "u-42", 8)).isEqualTo(ShardPool.shardOf("user_id", "u-42", 8));
    Set<Integer> used = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      int s = ShardPool.shardOf("user_id", "u" + i, 8);
      assertThat(s).isBetween(0, 7);
      used.add(s);
    }
    assertThat(used).hasSize(8);
  }

  @Test
  void stage_notPublished_reachesItsShardWhenTheShardGoesIdle() throws Exception {
    RecordingRules rules = new RecordingRules(false, "user_id");
    AdmissionGate gate = new AdmissionGate(10);
    ShardPool pool = pool(rules, gate, 1);
    pool.start();
    assertThat(gate.tryAcquire(3)).isTrue();
    for (int i = 0; i < 3; i++) {
      pool.stage(event(i, "u1", null), i + 1, () -> {});
    }
    wall.set(10_000); // no publish(): the shard's idle check publishes what is staged for it
    assertThat(gate.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(rules.seen).extracting(Seen::eventId).containsExactly("e0", "e1", "e2");
    pool.stop(Duration.ofSeconds(5));
  }

  @Test
  void stage_thenPublish_deliversTheBatchInOrderPerKeyValue() throws Exception {
    RecordingRules rules = new RecordingRules(true, "user_id");
    AdmissionGate gate = new AdmissionGate(1000);
    ShardPool pool = pool(rules, gate, 3);
    pool.start();
    int n = 200;
    assertThat(gate.tryAcquire(n)).isTrue();
    for (int i = 0; i < n; i++) {
      pool.stage(event(i, "u" + (i % 7), null), i + 1, () -> {});
    }
    pool.publish();
    wall.set(10_000);
    assertThat(gate.awaitIdle(Duration.ofSeconds(30))).isTrue();
    pool.stop(Duration.ofSeconds(30));
    assertThat(rules.seen).hasSize(2 * n);
    for (int u = 0; u < 7; u++) {
      int user = u;
      List<Integer> order = rules.seen.stream()
          .filter(s -> "user_id".equals(s.routeKey()))
          .map(s -> Integer.parseInt(s.eventId().substring(1)))
          .filter(i -> i % 7 == user)
          .toList();
      assertThat(order).hasSize((n - user + 6) / 7).isSorted();
    }
  }

  @Test
  void shardOf_hashesTheJoinedKeyAndValue() {
    for (String v : List.of("", "u1", "u-42", "c19999", "m\u00e9rchant")) {
      int h = ("user_id" + ":" + v).hashCode();
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      assertThat(ShardPool.shardOf("user_id", v, 5)).isEqualTo(Math.floorMod(h, 5));
    }
  }
}
