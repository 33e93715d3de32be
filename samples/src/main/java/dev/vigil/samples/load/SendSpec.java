package dev.vigil.samples.load;

import java.net.URI;
import java.time.Duration;

/**
 * How to send.
 *
 * @param profile open loop: the rate schedule; null = closed loop (each connection sends its next
 *     batch as soon as the previous one is acknowledged)
 * @param maxEvents closed loop: stop after this many events (0 = no limit)
 * @param duration closed loop: stop after this long (open loop: the profile's length)
 * @param reportEvery how often to print an interval line (zero = never)
 */
public record SendSpec(URI base, String key, int connections, int batch, RateProfile profile, long maxEvents,
    Duration duration, Duration reportEvery) {

  public SendSpec {
    if (connections < 1 || batch < 1) {
      throw new IllegalArgumentException("connections and batch must be >= 1");
    }
  }

  public boolean openLoop() {
    return profile != null;
  }
}
