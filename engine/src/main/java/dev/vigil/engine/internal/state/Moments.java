package dev.vigil.engine.internal.state;

/**
 * Count, mean and sum of squared deviations (M2) of a stream of numbers, updated with Welford's
 * algorithm and merged with Chan et al.'s parallel formula. Unlike sum/sum-of-squares this stays
 * accurate for large values with a small spread (no catastrophic cancellation).
 */
final class Moments {
  long count;
  double mean;
  double m2;

  Moments() {}

  Moments(long count, double mean, double m2) {
    this.count = count;
    this.mean = mean;
    this.m2 = m2;
  }

  void add(double x) {
    count++;
    double delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
  }

  /** Adds another summary (Chan et al.): the result is as if both streams were added here. */
  void merge(long n, double otherMean, double otherM2) {
    if (n == 0) {
      return;
    }
    if (count == 0) {
      count = n;
      mean = otherMean;
      m2 = otherM2;
      return;
    }
    long total = count + n;
    double delta = otherMean - mean;
    mean += delta * n / total;
    m2 += otherM2 + delta * delta * ((double) count * n / total);
    count = total;
  }

  /** Sample variance (n - 1), or {@code null} below two values. */
  Double variance() {
    return count < 2 ? null : Math.max(0.0, m2 / (count - 1));
  }

  Double stddev() {
    Double v = variance();
    return v == null ? null : Math.sqrt(v);
  }

  Moments copy() {
    return new Moments(count, mean, m2);
  }
}
