package dev.vigil.samples.load;

import java.util.SplittableRandom;

/**
 * The simulated customers and merchants: users with a home country, a personal spending level,
 * two cards and one or two devices; merchants; all drawn with Zipf popularity. It also keeps
 * what the fraud scenarios need to know about each user (transaction count, running mean and
 * variance of amounts, last transaction time).
 *
 * <p>A person pays at most about once per {@code minGapMillis} of event time: without that limit
 * the most popular users of a compressed load-test stream would trip the velocity rules all the
 * time, which no real customer does. When a drawn user is still within the gap the draw is
 * repeated a few times; if every draw is busy the gap is broken and counted
 * ({@link #gapViolations()}), which means the population is too small for the event rate.
 */
final class Population {
  static final String[] COUNTRIES = {
      "US", "GB", "DE", "FR", "CA", "BR", "IN", "ES", "IT", "NL", "MX", "JP", "AU", "PL", "NG"};
  static final String[] CURRENCIES = {
      "USD", "GBP", "EUR", "EUR", "CAD", "BRL", "INR", "EUR", "EUR", "EUR", "MXN", "JPY", "AUD", "PLN", "NGN"};
  private static final int REDRAWS = 8;

  private final Zipf userPopularity;
  private final Zipf merchantPopularity;
  private final long minGapMillis;
  private final byte[] home;
  private final boolean[] secondDevice;
  private final double[] spendLevel;
  private final int[] txCount;
  private final double[] mean;
  private final double[] m2;
  private final long[] lastTx;
  private long gapViolations;

  Population(StreamSpec spec, SplittableRandom random) {
    int n = spec.users();
    userPopularity = new Zipf(n, spec.userSkew());
    merchantPopularity = new Zipf(spec.merchants(), spec.merchantSkew());
    minGapMillis = spec.minGapMillis();
    Zipf countries = new Zipf(COUNTRIES.length, 1.2);
    home = new byte[n];
    secondDevice = new boolean[n];
    spendLevel = new double[n];
    txCount = new int[n];
    mean = new double[n];
    m2 = new double[n];
    lastTx = new long[n];
    for (int u = 0; u < n; u++) {
      home[u] = (byte) countries.sample(random);
      secondDevice[u] = random.nextInt(10) < 3;
      // Median spend 40 per user, varying by a factor of about two between users.
      spendLevel[u] = Math.log(40) + 0.7 * random.nextGaussian();
      lastTx[u] = Long.MIN_VALUE / 2;
    }
  }

  int size() {
    return home.length;
  }

  /** A paying user by popularity, respecting the minimum gap where possible. */
  int payingUser(SplittableRandom random, long time) {
    int u = 0;
    for (int i = 0; i < REDRAWS; i++) {
      u = userPopularity.sample(random);
      if (time - lastTx[u] >= minGapMillis) {
        return u;
      }
    }
    gapViolations++;
    return u;
  }

  int anyUser(SplittableRandom random) {
    return userPopularity.sample(random);
  }

  int merchant(SplittableRandom random) {
    return merchantPopularity.sample(random);
  }

  /** A background amount: log-normal around the user's spending level. */
  double amount(SplittableRandom random, int u) {
    return Math.max(0.01, Math.exp(spendLevel[u] + 0.8 * random.nextGaussian()));
  }

  /** Records a transaction of {@code u} (Welford's running mean and variance). */
  void paid(int u, double amount, long time) {
    int n = ++txCount[u];
    double delta = amount - mean[u];
    mean[u] += delta / n;
    m2[u] += delta * (amount - mean[u]);
    lastTx[u] = Math.max(lastTx[u], time);
  }

  int txCount(int u) {
    return txCount[u];
  }

  double mean(int u) {
    return mean[u];
  }

  double stddev(int u) {
    return txCount[u] < 2 ? 0 : Math.sqrt(m2[u] / (txCount[u] - 1));
  }

  int home(int u) {
    return home[u];
  }

  boolean hasSecondDevice(int u) {
    return secondDevice[u];
  }

  long gapViolations() {
    return gapViolations;
  }
}
