package dev.vigil.samples.load;

/**
 * What stream to generate. The same spec (and the same clock) gives the same events.
 *
 * @param seed seed of every random choice
 * @param prefix prefix of the event ids ({@code <prefix>-<n>}); a new prefix makes new ids
 * @param users number of users (each with two cards and one or two devices)
 * @param merchants number of merchants
 * @param userSkew Zipf exponent of user activity (0 = uniform)
 * @param merchantSkew Zipf exponent of merchant popularity
 * @param minGapMillis event time a user usually leaves between two payments
 * @param maxDisorderMillis most an event is delivered after a later one (out-of-order bound);
 *     keep it below the node's allowed lateness (default 5 s), or events arrive late
 * @param fraudRate fraud scenarios started per background event (0.0005 = one per 2 000)
 * @param scenarioTimeScale factor on the pauses inside fraud scenarios (1 = a scenario spans at
 *     most 95 s of event time; 0.05 squeezes it into 4 s for short test runs)
 */
public record StreamSpec(long seed, String prefix, int users, int merchants, double userSkew,
    double merchantSkew, long minGapMillis, long maxDisorderMillis, double fraudRate,
    double scenarioTimeScale) {

  public StreamSpec {
    if (users < 10 || merchants < 1) {
      throw new IllegalArgumentException("need at least 10 users and 1 merchant");
    }
    if (maxDisorderMillis < 0 || minGapMillis < 0 || fraudRate < 0 || fraudRate > 0.1
        || !(scenarioTimeScale > 0) || scenarioTimeScale > 10) {
      throw new IllegalArgumentException(
          "max disorder and min gap must be >= 0, fraud rate in [0, 0.1], scenario time scale in (0, 10]");
    }
  }

  /** The defaults of the command line. */
  public static StreamSpec defaults() {
    return new StreamSpec(42, "lg", 100_000, 500, 0.6, 1.0, 20_000, 1_000, 0.0005, 1.0);
  }

  public StreamSpec withSeed(long value) {
    return new StreamSpec(value, prefix, users, merchants, userSkew, merchantSkew, minGapMillis,
        maxDisorderMillis, fraudRate, scenarioTimeScale);
  }

  public StreamSpec withPrefix(String value) {
    return new StreamSpec(seed, value, users, merchants, userSkew, merchantSkew, minGapMillis,
        maxDisorderMillis, fraudRate, scenarioTimeScale);
  }

  public StreamSpec withUsers(int value) {
    return new StreamSpec(seed, prefix, value, merchants, userSkew, merchantSkew, minGapMillis,
        maxDisorderMillis, fraudRate, scenarioTimeScale);
  }

  public StreamSpec withMaxDisorderMillis(long value) {
    return new StreamSpec(seed, prefix, users, merchants, userSkew, merchantSkew, minGapMillis,
        value, fraudRate, scenarioTimeScale);
  }

  public StreamSpec withScenarioTimeScale(double value) {
    return new StreamSpec(seed, prefix, users, merchants, userSkew, merchantSkew, minGapMillis,
        maxDisorderMillis, fraudRate, value);
  }

  /** Longest event-time span of one fraud scenario under this spec. */
  public long maxScenarioSpanMillis() {
    return (long) Math.ceil(FraudInjector.MAX_SPAN_MILLIS * scenarioTimeScale);
  }

  public StreamSpec withFraudRate(double value) {
    return new StreamSpec(seed, prefix, users, merchants, userSkew, merchantSkew, minGapMillis,
        maxDisorderMillis, value, scenarioTimeScale);
  }
}
