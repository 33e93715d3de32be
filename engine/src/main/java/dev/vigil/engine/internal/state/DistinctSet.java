package dev.vigil.engine.internal.state;

/**
 * Distinct values of one dimension (country, device, card, merchant) of one entity: an exact set
 * of up to {@link #CAPACITY} value hashes with the event day each was last seen, and beyond that
 * a {@link Hll} for the lifetime count. When full, the least recently seen value makes room, so
 * the set always holds the most recently seen values and the 30-day count stays exact while
 * fewer than {@link #CAPACITY} values were seen in the window (otherwise it reports a lower
 * bound, {@link #CAPACITY}).
 */
final class DistinctSet {
  static final int CAPACITY = 64;
  static final int WINDOW_DAYS = 30;

  long[] hashes;
  int[] days;
  byte[] hll;

  DistinctSet() {
    this(new long[0], new int[0], null);
  }

  DistinctSet(long[] hashes, int[] days, byte[] hll) {
    this.hashes = hashes;
    this.days = days;
    this.hll = hll;
  }

  void add(long hash, long epochMillis) {
    int day = (int) Math.floorDiv(epochMillis, Buckets.DAY);
    if (hll != null) {
      Hll.add(hll, hash);
    }
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == hash) {
        days[i] = Math.max(days[i], day);
        return;
      }
    }
    if (hashes.length < CAPACITY) {
      hashes = java.util.Arrays.copyOf(hashes, hashes.length + 1);
      days = java.util.Arrays.copyOf(days, days.length + 1);
      hashes[hashes.length - 1] = hash;
      days[days.length - 1] = day;
      return;
    }
    if (hll == null) {
      hll = Hll.empty();
      for (long h : hashes) {
        Hll.add(hll, h);
      }
      Hll.add(hll, hash);
    }
    int oldest = 0;
    for (int i = 1; i < days.length; i++) {
      if (days[i] < days[oldest]) {
        oldest = i;
      }
    }
    if (days[oldest] <= day) {
      hashes[oldest] = hash;
      days[oldest] = day;
    }
  }

  long lifetime() {
    return hll == null ? hashes.length : Math.max(hashes.length, Hll.estimate(hll));
  }

  boolean lifetimeExact() {
    return hll == null;
  }

  /** Values last seen in the 30 event days ending with {@code asOfMillis}'s day. */
  int window(long asOfMillis) {
    int hi = (int) Math.floorDiv(asOfMillis, Buckets.DAY);
    int n = 0;
    for (int d : days) {
      if (d > hi - WINDOW_DAYS && d <= hi) {
        n++;
      }
    }
    return n;
  }

  DistinctSet copy() {
    return new DistinctSet(hashes.clone(), days.clone(), hll == null ? null : hll.clone());
  }

  /**
   * Whether {@code hash} was seen: ever, and in the 30 event days ending with {@code asOfMillis}'s
   * day. A value missing from the set was never seen while there is no HLL (the set is complete);
   * afterwards it may have been evicted, but eviction removes the least recently seen value and
   * the set's oldest day only grows, so a missing value was last seen on or before the set's
   * oldest day: if that day is outside the window, the value was not seen in it.
   */
  dev.vigil.engine.EntityStats.ValueSeen seen(long hash, long asOfMillis) {
    int hi = (int) Math.floorDiv(asOfMillis, Buckets.DAY);
    int oldest = Integer.MAX_VALUE;
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == hash) {
        return new dev.vigil.engine.EntityStats.ValueSeen(true, days[i] > hi - WINDOW_DAYS && days[i] <= hi);
      }
      oldest = Math.min(oldest, days[i]);
    }
    if (hll == null) {
      return new dev.vigil.engine.EntityStats.ValueSeen(false, false);
    }
    return new dev.vigil.engine.EntityStats.ValueSeen(null, oldest <= hi - WINDOW_DAYS ? Boolean.FALSE : null);
  }
}
