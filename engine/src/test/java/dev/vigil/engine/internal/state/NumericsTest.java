package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class NumericsTest {

  /** Naive two-pass in BigDecimal: the reference. */
  private static double[] twoPass(double[] xs) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : xs) {
      sum = sum.add(new BigDecimal(x), mc);
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(xs.length), mc);
    BigDecimal ss = BigDecimal.ZERO;
    for (double x : xs) {
      BigDecimal d = new BigDecimal(x).subtract(mean, mc);
      ss = ss.add(d.multiply(d, mc), mc);
    }
    return new double[] {mean.doubleValue(), ss.divide(BigDecimal.valueOf(xs.length - 1), mc).doubleValue()};
  }

  private static Moments moments(double[] xs) {
    Moments m = new Moments();
    for (double x : xs) {
      m.add(x);
    }
    return m;
  }

  @Test
  void welford_randomValues_matchesTwoPass() {
    double[] xs = new Random(1).doubles(10_000, 0, 5_000).toArray();
    double[] ref = twoPass(xs);
    Moments m = moments(xs);
    assertThat(m.count).isEqualTo(10_000);
    assertThat(m.mean).isCloseTo(ref[0], within(1e-9 * ref[0]));
    assertThat(m.variance()).isCloseTo(ref[1], within(1e-9 * ref[1]));
  }

  @Test
  void welford_largeValuesSmallSpread_noCatastrophicCancellation() {
    // 1e9 + {4, 7, 13, 16}: variance 30. Sum of squares in doubles gets this badly wrong.
    double[] xs = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    Moments m = moments(xs);
    assertThat(m.mean).isEqualTo(1e9 + 10);
    assertThat(m.variance()).isCloseTo(30.0, within(1e-6));
    double sum = DoubleStream.of(xs).sum();
    double sumSq = DoubleStream.of(xs).map(x -> x * x).sum();
    double naive = (sumSq - sum * sum / xs.length) / (xs.length - 1);
    assertThat(Math.abs(naive - 30.0)).as("the naive one-pass formula fails here").isGreaterThan(1.0);
  }

  @Test
  void welford_manyLargeValues_matchesTwoPass() {
    double[] xs = new Random(2).doubles(100_000).map(x -> 1e9 + x).toArray();
    double[] ref = twoPass(xs);
    Moments m = moments(xs);
    assertThat(m.variance()).isCloseTo(ref[1], within(1e-6 * ref[1]));
    assertThat(m.mean).isCloseTo(ref[0], within(1e-14 * ref[0]));
  }

  @Test
  void merge_ofTwoHalves_equalsWholeStream() {
    double[] xs = new Random(3).doubles(1_001).map(x -> 1e9 + 100 * x).toArray();
    Moments a = moments(java.util.Arrays.copyOfRange(xs, 0, 400));
    Moments b = moments(java.util.Arrays.copyOfRange(xs, 400, xs.length));
    a.merge(b.count, b.mean, b.m2);
    double[] ref = twoPass(xs);
    assertThat(a.count).isEqualTo(1_001);
    assertThat(a.mean).isCloseTo(ref[0], within(1e-6));
    assertThat(a.variance()).isCloseTo(ref[1], within(1e-8 * ref[1]));
  }

  @Test
  void merge_intoEmptyOrOfEmpty_isIdentity() {
    Moments empty = new Moments();
    Moments m = moments(new double[] {1, 2, 3});
    empty.merge(m.count, m.mean, m.m2);
    assertThat(empty.variance()).isEqualTo(1.0);
    m.merge(0, 0, 0);
    assertThat(m.count).isEqualTo(3);
    assertThat(new Moments().variance()).isNull();
    assertThat(moments(new double[] {5}).variance()).isNull();
  }

  @Test
  void hourlyBuckets_windowCoversLast24Hours_byEventTime() {
    Buckets b = Buckets.hourly();
    long t0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, Buckets.HOUR);
    b.add(t0, 10);
    b.add(t0 + 5 * Buckets.HOUR, 20);
    b.add(t0 + 5 * Buckets.HOUR + 1, 30);
    assertThat(b.window(t0 + 5 * Buckets.HOUR).count).isEqualTo(3);
    assertThat(b.window(t0 + 5 * Buckets.HOUR).mean).isEqualTo(20.0);
    // 24 h after the first bucket it has left the window.
    assertThat(b.window(t0 + 24 * Buckets.HOUR).count).isEqualTo(2);
    b.add(t0 + 30 * Buckets.HOUR, 40);
    assertThat(b.ids).hasSize(1);
    // An event older than the window is ignored.
    b.add(t0, 1);
    assertThat(b.window(t0 + 30 * Buckets.HOUR).count).isEqualTo(1);
  }

  @Test
  void dailyBuckets_stddevMatchesTwoPassOverWindow() {
    Buckets b = Buckets.daily();
    Random r = new Random(4);
    long t0 = 1_700_000_000_000L;
    double[] xs = new double[300];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 1e9 + r.nextDouble() * 10;
      b.add(t0 + (i % 30) * Buckets.DAY, xs[i]);
    }
    Moments w = b.window(t0 + 29 * Buckets.DAY);
    assertThat(w.count).isEqualTo(300);
    assertThat(w.variance()).isCloseTo(twoPass(xs)[1], within(1e-6));
  }

  @Test
  void ewma_halvesOldWeightEveryHalfLife() {
    FieldState f = new FieldState();
    f.add(0, 100);
    f.add(FieldState.EWMA_HALF_LIFE_MILLIS, 200);
    // weights 0.5 and 1: (50 + 200) / 1.5
    assertThat(f.ewma()).isCloseTo(250 / 1.5, within(1e-9));
    // A late event gets its own (smaller) weight; order does not matter.
    FieldState g = new FieldState();
    g.add(FieldState.EWMA_HALF_LIFE_MILLIS, 200);
    g.add(0, 100);
    assertThat(g.ewma()).isCloseTo(f.ewma(), within(1e-9));
    assertThat(f.min).isEqualTo(100);
    assertThat(f.max).isEqualTo(200);
  }

  @Test
  void distinctSet_exactUpToCapacity_thenHllWithinThreePercent() {
    DistinctSet d = new DistinctSet();
    for (int i = 0; i < 64; i++) {
      d.add(Hll.hash("c" + i), 0);
      d.add(Hll.hash("c" + i), 0);
    }
    assertThat(d.lifetime()).isEqualTo(64);
    assertThat(d.lifetimeExact()).isTrue();
    for (int i = 64; i < 10_000; i++) {
      d.add(Hll.hash("c" + i), 0);
    }
    assertThat(d.lifetimeExact()).isFalse();
    assertThat((double) d.lifetime()).isCloseTo(10_000, within(10_000 * 0.06));
    assertThat(d.hashes).hasSize(DistinctSet.CAPACITY);
  }

  @Test
  void distinctSet_window_countsValuesSeenInLast30Days() {
    DistinctSet d = new DistinctSet();
    d.add(Hll.hash("DE"), 0);
    d.add(Hll.hash("FR"), 10 * Buckets.DAY);
    d.add(Hll.hash("DE"), 35 * Buckets.DAY);
    assertThat(d.window(35 * Buckets.DAY)).isEqualTo(2);
    assertThat(d.window(45 * Buckets.DAY)).as("FR was last seen 35 days before").isEqualTo(1);
    assertThat(d.window(20 * Buckets.DAY)).as("DE's last sighting is after the window").isEqualTo(1);
    assertThat(d.lifetime()).isEqualTo(2);
  }

  @Test
  void entityState_sameSourceSequenceTwice_appliesOnce_anyOrder_otherSourceApplies() {
    EntityState s = new EntityState();
    String[] names = {"transaction.amount"};
    assertThat(apply(s, 1, 5, 0, 10)).isTrue();
    assertThat(apply(s, 1, 5, 0, 10)).isFalse();
    assertThat(apply(s, 1, 4, 0, 20)).as("out of sequence order (event-time release)").isTrue();
    assertThat(apply(s, 1, 4, 0, 20)).isFalse();
    assertThat(apply(s, 2, 1, 0, 30)).isTrue();
    assertThat(s.eventCount).isEqualTo(3);
    assertThat(s.fieldOrNull("transaction.amount").lifetime.mean).isEqualTo(20.0);
    // The floor (persisted checkpoint) passed 5: those marks are dropped, and at or below it nothing applies.
    assertThat(apply(s, 1, 6, 5, 40)).isTrue();
    assertThat(s.markSources()).containsExactly(2L, 1L);
    assertThat(s.markSequences()).containsExactly(1L, 6L);
    assertThat(apply(s, 1, 3, 5, 99)).isFalse();
    assertThat(s.eventCount).isEqualTo(4);
  }

  @Test
  void entityState_marks_growWithoutAFoldEach_andShrinkOnceTheFloorPassesThem() {
    EntityState s = new EntityState();
    for (int i = 1; i <= 40; i++) {
      assertThat(apply(s, 1, i, 0, 10)).isTrue();
    }
    assertThat(s.marks).isEqualTo(40);
    assertThat(s.sources.length).isEqualTo(64); // 4, 8, 16, 32, 64: five arrays for forty folds
    assertThat(apply(s, 1, 41, 39, 10)).isTrue(); // the floor passed 1..39
    assertThat(s.markSequences()).containsExactly(40L, 41L);
    assertThat(s.sources.length).isLessThanOrEqualTo(4);
    assertThat(s.holds(1, 40)).isTrue();
    assertThat(s.holds(1, 39)).isFalse();
  }

  /** Two sources, floors that move now and then, repeats and out-of-order sequences: as a plain set says. */
  @Test
  void entityState_marks_matchAPlainSetOfFoldsAboveTheFloor() {
    java.util.Random random = new java.util.Random(11);
    EntityState s = new EntityState();
    java.util.Set<java.util.List<Long>> applied = new java.util.HashSet<>();
    long[] floors = {0, 0, 0};
    long[] next = {0, 1, 1};
    int folds = 0;
    for (int step = 0; step < 20_000; step++) {
      int source = 1 + random.nextInt(2);
      if (random.nextInt(200) == 0) {
        floors[source] = Math.max(floors[source], next[source] - 1 - random.nextInt(50));
      }
      long seq = random.nextInt(4) == 0 ? Math.max(1, next[source] - random.nextInt(60)) : next[source]++;
      boolean expected = seq > floors[source] && applied.add(java.util.List.of((long) source, seq));
      assertThat(apply(s, source, seq, floors[source], 1)).as("step %d", step).isEqualTo(expected);
      folds += expected ? 1 : 0;
      long probe = Math.max(1, next[source] - random.nextInt(100));
      if (probe > floors[source]) {
        assertThat(s.holds(source, probe)).as("holds at step %d", step)
            .isEqualTo(applied.contains(java.util.List.of((long) source, probe)));
      }
    }
    assertThat(s.eventCount).isEqualTo(folds);
  }

  private static boolean apply(EntityState s, long source, long seq, long floor, double amount) {
    return s.apply(source, seq, floor, 0, new String[] {"transaction.amount"}, new double[] {amount},
        new String[0], new long[0]);
  }
}
