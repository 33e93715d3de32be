package dev.vigil.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start an {@link Engine}.
 *
 * @param dataDir where the durable store lives (created when missing)
 * @param rules the operator's rule files
 * @param shards number of worker threads; each owns its Esper runtimes
 * @param queueCapacity most events admitted but not yet evaluated (queued or waiting in a reorder
 *     buffer for the watermark), across all shards; beyond it {@link Engine#ingest} throws {@link
 *     OverloadedException}
 * @param dedupHorizon how long an event id is remembered for idempotency
 * @param durability how accepted events reach disk
 * @param clock wall clock (processing time: dedup horizon, idle progress, {@code createdAt})
 * @param allowedLateness default allowed lateness of event types that declare none (see {@code
 *     docs/design/event-time.md})
 * @param idleTimeout after this much processing time without events a shard's watermark advances
 *     with the wall clock
 * @param lateEventsMaxEntries most entries kept in the late-events log
 * @param lateEventsRetention how long a late-events log entry is kept
 * @param recoveryHorizon how much event time before the applied checkpoint a restart replays to
 *     rebuild window, pattern and suppression state; the journal keeps at least that much (see
 *     {@code docs/design/durability.md})
 * @param maxDiskBytes above this many bytes of store on disk ingest is refused with {@link
 *     InsufficientStorageException}; 0 = no limit
 * @param heapLimit fraction of the maximum heap the long-lived heap (old generation) may use
 *     before ingest is refused with {@link OverloadedException} (429); 0 = no limit
 */
public record EngineConfig(
    Path dataDir,
    List<RuleFile> rules,
    int shards,
    int queueCapacity,
    Duration dedupHorizon,
    Durability durability,
    Clock clock,
    Duration allowedLateness,
    Duration idleTimeout,
    int lateEventsMaxEntries,
    Duration lateEventsRetention,
    Duration recoveryHorizon,
    long maxDiskBytes,
    double heapLimit) {

  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofSeconds(5);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_LATE_EVENTS_MAX_ENTRIES = 100_000;
  public static final Duration DEFAULT_LATE_EVENTS_RETENTION = Duration.ofDays(7);
  public static final Duration DEFAULT_RECOVERY_HORIZON = Duration.ofHours(24);
  public static final double DEFAULT_HEAP_LIMIT = 0.85;

  public EngineConfig {
    rules = List.copyOf(rules);
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1");
    }
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(lateEventsRetention, "lateEventsRetention");
    if (allowedLateness.isNegative() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("allowedLateness and idleTimeout must not be negative");
    }
    Objects.requireNonNull(recoveryHorizon, "recoveryHorizon");
    if (recoveryHorizon.isNegative() || maxDiskBytes < 0) {
      throw new IllegalArgumentException("recoveryHorizon and maxDiskBytes must not be negative");
    }
    if (!(heapLimit >= 0 && heapLimit <= 1)) {
      throw new IllegalArgumentException("heapLimit must be within [0, 1]");
    }
    if (lateEventsMaxEntries < 1 || lateEventsRetention.isNegative() || lateEventsRetention.isZero()) {
      throw new IllegalArgumentException("the late-events log needs room for at least one entry");
    }
  }

  /** A config with the default lateness, idle timeout and late-events log bounds. */
  public EngineConfig(
      Path dataDir,
      List<RuleFile> rules,
      int shards,
      int queueCapacity,
      Duration dedupHorizon,
      Durability durability,
      Clock clock) {
    this(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock,
        DEFAULT_ALLOWED_LATENESS, DEFAULT_IDLE_TIMEOUT, DEFAULT_LATE_EVENTS_MAX_ENTRIES,
        DEFAULT_LATE_EVENTS_RETENTION, DEFAULT_RECOVERY_HORIZON, 0, DEFAULT_HEAP_LIMIT);
  }

  /**
   * Defaults: one shard per core, 100 000 queued events, 24 h dedup, fsync, 5 s lateness, 10 s
   * idle timeout, late-events log of 100 000 entries / 7 days.
   */
  public static EngineConfig defaults(Path dataDir, List<RuleFile> rules) {
    return new EngineConfig(
        dataDir,
        rules,
        Runtime.getRuntime().availableProcessors(),
        100_000,
        Duration.ofHours(24),
        Durability.FSYNC,
        Clock.system());
  }

  public EngineConfig withAllowedLateness(Duration lateness) {
    return new EngineConfig(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock, lateness, idleTimeout,
        lateEventsMaxEntries, lateEventsRetention, recoveryHorizon, maxDiskBytes, heapLimit);
  }

  public EngineConfig withIdleTimeout(Duration timeout) {
    return new EngineConfig(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock, allowedLateness, timeout,
        lateEventsMaxEntries, lateEventsRetention, recoveryHorizon, maxDiskBytes, heapLimit);
  }

  public EngineConfig withLateEventsLog(int maxEntries, Duration retention) {
    return new EngineConfig(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock, allowedLateness, idleTimeout,
        maxEntries, retention, recoveryHorizon, maxDiskBytes, heapLimit);
  }

  /** See {@code recoveryHorizon} and {@code maxDiskBytes} above. */
  public EngineConfig withDurabilityLimits(Duration recoveryHorizon, long maxDiskBytes) {
    return new EngineConfig(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock, allowedLateness, idleTimeout,
        lateEventsMaxEntries, lateEventsRetention, recoveryHorizon, maxDiskBytes, heapLimit);
  }

  /** See {@code heapLimit} above. */
  public EngineConfig withHeapLimit(double limit) {
    return new EngineConfig(
        dataDir, rules, shards, queueCapacity, dedupHorizon, durability, clock, allowedLateness, idleTimeout,
        lateEventsMaxEntries, lateEventsRetention, recoveryHorizon, maxDiskBytes, limit);
  }
}
