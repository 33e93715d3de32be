package dev.vigil.api.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Ingest meters. Prometheus names: {@code vigil_ingest_events_total{outcome}}, {@code
 * vigil_ingest_batch_size}, {@code vigil_ingest_request_bytes}, {@code
 * vigil_ingest_latency_seconds}, {@code vigil_ingest_requests_total{status}}.
 */
final class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter duplicate;
  private final Counter rejected;
  private final DistributionSummary batchSize;
  private final DistributionSummary requestBytes;
  private final Timer latency;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = events("accepted");
    this.duplicate = events("duplicate");
    this.rejected = events("rejected");
    this.batchSize =
        DistributionSummary.builder("vigil.ingest.batch.size")
            .description("Events per ingest request")
            .baseUnit("events")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.requestBytes =
        DistributionSummary.builder("vigil.ingest.request.bytes")
            .description("Ingest request body size")
            .baseUnit("bytes")
            .register(registry);
    this.latency =
        Timer.builder("vigil.ingest.latency")
            .description("Time from receiving an ingest body to answering it")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  private Counter events(String outcome) {
    return Counter.builder("vigil.ingest.events")
        .description("Events received by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void body(long bytes) {
    requestBytes.record(bytes);
  }

  void batch(int items, int acceptedCount, int duplicateCount, int rejectedCount) {
    batchSize.record(items);
    accepted.increment(acceptedCount);
    duplicate.increment(duplicateCount);
    rejected.increment(rejectedCount);
  }

  void answered(int status, long nanos) {
    latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    registry.counter("vigil.ingest.requests", "status", Integer.toString(status)).increment();
  }
}
