package dev.vigil.engine.internal.state;

/**
 * Distinct values of one dimension (country, device, card, merchant) of one entity: an exact set
 * of up to {@link #CAPACITY} value hashes with the event day each was last seen, and beyond that
 * a {@link Hll} for the lifetime count. When full, a value of the oldest day makes room (among
 * those, the one the round-robin {@link #cursor} reaches first, so within a day the values leave
 * in about the order they came), so the set always holds the most recently seen values and the
 * 30-day count stays exact while fewer than {@link #CAPACITY} values were seen in the window
 * (otherwise it reports a lower bound, {@link #CAPACITY}).
 *
 * <p>Until 2026-11-27 the oldest slot was searched for from the first one each time, so within a
 * day (every slot of the same day) the first slot took every new value and the other 63 kept the
 * day's first values. The search now starts after the slot last taken and looks for the known
 * oldest day ({@link #minDay}, derived, not stored): one step within a day.
 */
final class DistinctSet {
  static final int CAPACITY = 64;
  static final int WINDOW_DAYS = 30;

  long[] hashes;
  int[] days;
  byte[] hll;
  /**
   * No day in the set is older than this (days only grow); {@link Integer#MIN_VALUE}: not known
   * yet. Set by {@link #oldest}, which only a full set calls, and a full set never grows again.
   */
  private int minDay = Integer.MIN_VALUE;
  /** Where the search for a slot of {@link #minDay} starts: after the last one taken. */
  private int cursor;

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
    int found = indexOf(hash);
    if (found >= 0) {
      days[found] = Math.max(days[found], day);
      return;
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
    int oldest = oldest();
    if (days[oldest] <= day) {
      hashes[oldest] = hash;
      days[oldest] = day;
      cursor = oldest + 1 == days.length ? 0 : oldest + 1;
    }
  }

  /** The slot holding {@code hash}, or -1. */
  int indexOf(long hash) {
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == hash) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A slot of the oldest day: the first from the cursor whose day is the known lower bound; when
   * none is (the values of that day were all seen again or replaced), the bound is raised to the
   * set's oldest day first. Within one day every slot qualifies, so this is one step.
   */
  private int oldest() {
    int n = days.length;
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0, i = cursor; k < n; k++, i = i + 1 == n ? 0 : i + 1) {
        if (days[i] <= minDay) {
          return i;
        }
      }
      minDay = Integer.MAX_VALUE;
      for (int d : days) {
        minDay = Math.min(minDay, d);
      }
    }
    throw new IllegalStateException("no slot of the oldest day " + minDay);
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
