package dev.vigil.engine.internal.host;

import dev.vigil.engine.spi.Journal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The engine's Micrometer meters, created once so the hot path only increments. Names use dots;
 * the Prometheus registry renders them as {@code vigil_engine_...}.
 */
public final class EngineMetrics {

  private final MeterRegistry registry;
  private final Counter[] processed;
  private final Counter ruleErrors;
  private final Counter alertStoreErrors;
  private final Counter dedupPurged;
  private final DistributionSummary lag;
  private final Timer admitLatency;
  private final ConcurrentMap<String, Counter> alerts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> late = new ConcurrentHashMap<>();
  private final Counter lateLogErrors;

  public EngineMetrics(MeterRegistry registry, AdmissionGate gate, int shards) {
    this.registry = registry;
    Gauge.builder("vigil.engine.queue.depth", gate, AdmissionGate::inFlight)
        .description("Events admitted but not yet processed by every shard they route to")
        .register(registry);
    Gauge.builder("vigil.engine.queue.capacity", gate, AdmissionGate::capacity).register(registry);
    processed = new Counter[shards];
    for (int i = 0; i < shards; i++) {
      processed[i] =
          Counter.builder("vigil.engine.events.processed")
              .description("Event deliveries processed, per shard")
              .tag("shard", Integer.toString(i))
              .register(registry);
    }
    ruleErrors =
        Counter.builder("vigil.engine.rule.errors")
            .description("Deliveries whose evaluation failed")
            .register(registry);
    alertStoreErrors =
        Counter.builder("vigil.engine.alert.store.errors")
            .description("Alerts that could not be stored")
            .register(registry);
    dedupPurged = Counter.builder("vigil.engine.dedup.purged").register(registry);
    lateLogErrors =
        Counter.builder("vigil.engine.late.log.errors")
            .description("Late events that could not be written to the late-events log")
            .register(registry);
    // A summary in seconds (double sum), not a Timer: replays of old data have lags of months,
    // whose nanosecond sum would overflow a Timer's long total.
    lag =
        DistributionSummary.builder("vigil.engine.lag")
            .description("Processing wall time minus event time, per delivery")
            .baseUnit("seconds")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    admitLatency =
        Timer.builder("vigil.engine.admit.latency")
            .description("Time to journal a batch (not yet synced) and queue it for the shards")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /** The journal's group-committed fsyncs: count and total time (mean = time / count). */
  public void journal(Journal journal) {
    FunctionCounter.builder("vigil.journal.fsyncs", journal, Journal::fsyncs)
        .description("fsyncs of the write-ahead log; one covers every batch written while the previous one ran")
        .register(registry);
    FunctionCounter.builder("vigil.journal.fsync.seconds", journal, j -> j.fsyncNanos() / 1e9)
        .description("Time spent in those fsyncs")
        .register(registry);
  }

  public void processed(int shard, long lagMillis) {
    processed[shard].increment();
    lag.record(Math.max(0, lagMillis) / 1000.0);
  }

  public void ruleError() {
    ruleErrors.increment();
  }

  public void alertStoreError() {
    alertStoreErrors.increment();
  }

  public void dedupPurged(long n) {
    dedupPurged.increment(n);
  }

  public Timer admitLatency() {
    return admitLatency;
  }

  /** Counts a late event of {@code type} (accepted, not evaluated by the rules). */
  public void late(String type) {
    late.computeIfAbsent(
            type,
            t ->
                Counter.builder("vigil.engine.events.late")
                    .description("Accepted events older than their shard's watermark, per type")
                    .tag("type", t)
                    .register(registry))
        .increment();
  }

  public void lateLogError(int n) {
    lateLogErrors.increment(n);
  }

  /** Counts an alert by rule and by whether the store had it already. */
  public void alert(String ruleId, boolean isNew) {
    String outcome = isNew ? "new" : "duplicate";
    alerts
        .computeIfAbsent(
            ruleId + '\n' + outcome,
            k ->
                Counter.builder("vigil.engine.alerts")
                    .description("Alerts produced by rules")
                    .tag("rule", ruleId)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }
}
