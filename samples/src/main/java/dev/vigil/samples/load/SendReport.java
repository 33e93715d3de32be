package dev.vigil.samples.load;

import org.HdrHistogram.Histogram;

/**
 * Outcome of a send run. Latencies are in microseconds.
 *
 * @param sent distinct events sent (each once, however often its batch was re-sent)
 * @param accepted events the node accepted (202 {@code accepted}, late ones included)
 * @param late accepted events the node reported late
 * @param rejected events the node rejected as invalid
 * @param throttled responses 429
 * @param unavailable responses 503
 * @param resent events sent again after a 429/503 or a connection error
 * @param failures batches given up (another status, or the run's deadline passed)
 * @param ackLatency per batch, from its scheduled send time (open loop) or its first send
 *     (closed loop) to its 202, retries included
 * @param serviceTime per HTTP request, from write to answer
 */
public record SendReport(long sent, long accepted, long duplicates, long late, long rejected, long batches,
    long throttled, long unavailable, long resent, long failures, double seconds, Histogram ackLatency,
    Histogram serviceTime) {

  public double acceptedPerSecond() {
    return accepted / seconds;
  }

  public String summary() {
    return String.format(
        "sent=%d accepted=%d duplicates=%d late=%d rejected=%d batches=%d http429=%d http503=%d resent=%d "
            + "failures=%d seconds=%.1f accepted_per_second=%.0f%n"
            + "ack_latency_ms p50=%.1f p99=%.1f p99.9=%.1f max=%.1f | service_time_ms p50=%.1f p99=%.1f max=%.1f",
        sent, accepted, duplicates, late, rejected, batches, throttled, unavailable, resent, failures, seconds,
        acceptedPerSecond(), ms(ackLatency, 50), ms(ackLatency, 99), ms(ackLatency, 99.9),
        ackLatency.getMaxValue() / 1000.0, ms(serviceTime, 50), ms(serviceTime, 99),
        serviceTime.getMaxValue() / 1000.0);
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }
}
