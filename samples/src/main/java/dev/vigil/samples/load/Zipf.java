package dev.vigil.samples.load;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Zipf-distributed ranks {@code 0..n-1}: rank {@code k} is drawn with probability proportional to
 * {@code 1 / (k + 1)^exponent}, so a few users, merchants or countries carry most of the traffic as
 * in real payment data. Exponent 0 is uniform. Sampling is a binary search in the precomputed
 * cumulative distribution (8 bytes per rank).
 */
final class Zipf {
  private final double[] cdf;

  Zipf(int n, double exponent) {
    if (n < 1 || exponent < 0) {
      throw new IllegalArgumentException("Zipf needs n >= 1 and exponent >= 0");
    }
    cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += Math.pow(k + 1, -exponent);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
  }

  int size() {
    return cdf.length;
  }

  /** Probability of rank {@code k}. */
  double probability(int k) {
    return k == 0 ? cdf[0] : cdf[k] - cdf[k - 1];
  }

  int sample(RandomGenerator random) {
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    int rank = i >= 0 ? i : -i - 1;
    return Math.min(rank, cdf.length - 1);
  }
}
