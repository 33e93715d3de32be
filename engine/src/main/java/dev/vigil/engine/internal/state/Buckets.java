package dev.vigil.engine.internal.state;

import java.util.Arrays;

/**
 * A rolling window by event time as sparse buckets: {@code span} buckets of {@code widthMillis}
 * each (24 x 1 h, 30 x 1 d), only the non-empty ones stored, sorted by bucket id, each a {@link
 * Moments}. The window ends at the newest bucket seen; events older than the window are ignored
 * here (they still count in the lifetime figures).
 */
final class Buckets {
  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;

  final long widthMillis;
  final int span;
  int[] ids;
  int[] counts;
  double[] means;
  double[] m2s;

  Buckets(long widthMillis, int span) {
    this(widthMillis, span, new int[0], new int[0], new double[0], new double[0]);
  }

  Buckets(long widthMillis, int span, int[] ids, int[] counts, double[] means, double[] m2s) {
    this.widthMillis = widthMillis;
    this.span = span;
    this.ids = ids;
    this.counts = counts;
    this.means = means;
    this.m2s = m2s;
  }

  static Buckets hourly() {
    return new Buckets(HOUR, 24);
  }

  static Buckets daily() {
    return new Buckets(DAY, 30);
  }

  int id(long epochMillis) {
    return (int) Math.floorDiv(epochMillis, widthMillis);
  }

  void add(long epochMillis, double x) {
    int id = id(epochMillis);
    int newest = ids.length == 0 ? id : Math.max(ids[ids.length - 1], id);
    if (id <= newest - span) {
      return;
    }
    evictUpTo(newest - span);
    int pos = Arrays.binarySearch(ids, id);
    if (pos < 0) {
      pos = -pos - 1;
      ids = insert(ids, pos, id);
      counts = insert(counts, pos, 0);
      means = insert(means, pos, 0.0);
      m2s = insert(m2s, pos, 0.0);
    }
    Moments m = new Moments(counts[pos], means[pos], m2s[pos]);
    m.add(x);
    counts[pos] = (int) m.count;
    means[pos] = m.mean;
    m2s[pos] = m.m2;
  }

  /** The merged moments of the buckets in the window ending at {@code asOfMillis}'s bucket. */
  Moments window(long asOfMillis) {
    int hi = id(asOfMillis);
    int lo = hi - span;
    Moments total = new Moments();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] > lo && ids[i] <= hi) {
        total.merge(counts[i], means[i], m2s[i]);
      }
    }
    return total;
  }

  private void evictUpTo(int lastStale) {
    int keepFrom = 0;
    while (keepFrom < ids.length && ids[keepFrom] <= lastStale) {
      keepFrom++;
    }
    if (keepFrom > 0) {
      ids = Arrays.copyOfRange(ids, keepFrom, ids.length);
      counts = Arrays.copyOfRange(counts, keepFrom, counts.length);
      means = Arrays.copyOfRange(means, keepFrom, means.length);
      m2s = Arrays.copyOfRange(m2s, keepFrom, m2s.length);
    }
  }

  private static int[] insert(int[] a, int pos, int v) {
    int[] r = new int[a.length + 1];
    System.arraycopy(a, 0, r, 0, pos);
    r[pos] = v;
    System.arraycopy(a, pos, r, pos + 1, a.length - pos);
    return r;
  }

  private static double[] insert(double[] a, int pos, double v) {
    double[] r = new double[a.length + 1];
    System.arraycopy(a, 0, r, 0, pos);
    r[pos] = v;
    System.arraycopy(a, pos, r, pos + 1, a.length - pos);
    return r;
  }

  Buckets copy() {
    return new Buckets(widthMillis, span, ids.clone(), counts.clone(), means.clone(), m2s.clone());
  }
}
