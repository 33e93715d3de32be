package dev.vigil.engine.internal.state;

/**
 * Statistics of one numeric field of one event type for one entity: lifetime moments, min, max,
 * a time-decayed mean and the hourly (24 h) and daily (30 d) rolling windows, all by event time.
 *
 * <p>The decayed mean weighs each value by {@code 2^(-age / halfLife)} with the age measured
 * from the newest event seen: {@code ewma = S / W} with {@code S = S*d + x}, {@code W = W*d + 1}
 * and {@code d = 2^(-(t - tPrev) / halfLife)}. A late event is added with its own weight, so
 * arrival order does not matter.
 */
final class FieldState {
  static final long EWMA_HALF_LIFE_MILLIS = 7 * Buckets.DAY;

  final Moments lifetime;
  double min;
  double max;
  double decayedSum;
  double decayedWeight;
  long decayedAt;
  final Buckets hourly;
  final Buckets daily;

  FieldState() {
    this(new Moments(), Double.NaN, Double.NaN, 0, 0, Long.MIN_VALUE, Buckets.hourly(), Buckets.daily());
  }

  FieldState(Moments lifetime, double min, double max, double decayedSum, double decayedWeight,
      long decayedAt, Buckets hourly, Buckets daily) {
    this.lifetime = lifetime;
    this.min = min;
    this.max = max;
    this.decayedSum = decayedSum;
    this.decayedWeight = decayedWeight;
    this.decayedAt = decayedAt;
    this.hourly = hourly;
    this.daily = daily;
  }

  void add(long epochMillis, double x) {
    if (lifetime.count == 0) {
      min = x;
      max = x;
      decayedSum = x;
      decayedWeight = 1;
      decayedAt = epochMillis;
    } else {
      min = Math.min(min, x);
      max = Math.max(max, x);
      if (epochMillis >= decayedAt) {
        double d = Math.pow(2, -(double) (epochMillis - decayedAt) / EWMA_HALF_LIFE_MILLIS);
        decayedSum = decayedSum * d + x;
        decayedWeight = decayedWeight * d + 1;
        decayedAt = epochMillis;
      } else {
        double w = Math.pow(2, -(double) (decayedAt - epochMillis) / EWMA_HALF_LIFE_MILLIS);
        decayedSum += x * w;
        decayedWeight += w;
      }
    }
    lifetime.add(x);
    hourly.add(epochMillis, x);
    daily.add(epochMillis, x);
  }

  Double ewma() {
    return decayedWeight > 0 ? decayedSum / decayedWeight : null;
  }

  FieldState copy() {
    return new FieldState(lifetime.copy(), min, max, decayedSum, decayedWeight, decayedAt,
        hourly.copy(), daily.copy());
  }
}
