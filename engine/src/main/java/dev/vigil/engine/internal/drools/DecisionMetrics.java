package dev.vigil.engine.internal.drools;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Decision meters: {@code vigil.decisions{set, decision, outcome, dry_run}} (answers computed by a
 * decision set, repeats excluded), {@code vigil.decisions.repeated} (stored decisions answered
 * again), {@code vigil.decisions.errors{reason}} ({@code no_decision}, {@code overloaded},
 * {@code storage}, {@code evaluation}) and {@code vigil.decisions.latency} (whole
 * {@code decide} call: lookup, statistics, Drools, log write, ingestion; a histogram with
 * percentiles for Prometheus {@code histogram_quantile}) and {@code vigil.decisions.stage{stage}}
 * (where that time goes, one timer per stage: {@code lookup} the stored-decision read,
 * {@code statistics} the entity snapshot reads, {@code alerts} the {@code alerted} lookups,
 * {@code rules} the Drools session without those reads, {@code store} the decision-log write,
 * {@code ingest} the event's journal write and group-commit fsync, waits included).
 */
final class DecisionMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> decisions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
  private final Counter repeated;
  private final Timer latency;
  private final ConcurrentMap<String, Timer> stages = new ConcurrentHashMap<>();

  DecisionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.repeated = Counter.builder("vigil.decisions.repeated")
        .description("Requests answered with an already stored decision").register(registry);
    this.latency = Timer.builder("vigil.decisions.latency")
        .description("Time to decide one event, including the log write and ingestion")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
  }

  void decided(String set, String decision, String outcome, boolean dryRun) {
    decisions.computeIfAbsent(set + '\0' + decision + '\0' + outcome + '\0' + dryRun, k ->
        Counter.builder("vigil.decisions").description("Decisions by decision set, decision and outcome")
            .tag("set", set).tag("decision", decision).tag("outcome", outcome).tag("dry_run", Boolean.toString(dryRun))
            .register(registry)).increment();
  }

  void repeated() {
    repeated.increment();
  }

  void error(String reason) {
    errors.computeIfAbsent(reason, r -> Counter.builder("vigil.decisions.errors")
        .description("Decision requests that failed, by reason").tag("reason", r).register(registry)).increment();
  }

  void latency(long nanos) {
    latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records the stage that began at {@code startNanos}; returns now, the next stage's start. */
  long stageSince(String stage, long startNanos) {
    long now = System.nanoTime();
    stage(stage, now - startNanos);
    return now;
  }

  /** Records one stage of one decision (see the class comment for the stages). */
  void stage(String stage, long nanos) {
    stages.computeIfAbsent(stage, s -> dev.vigil.engine.Decisions.stageTimer(registry, s))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

}
