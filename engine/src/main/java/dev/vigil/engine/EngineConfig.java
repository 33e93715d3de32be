package dev.vigil.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start an {@link Engine}.
 *
 * @param dataDir where the durable store lives (created when missing)
 * @param rules the operator's rule files
 * @param shards number of worker threads; each owns its Esper runtimes
 * @param queueCapacity most events admitted but not yet processed, across all shards; beyond it
 *     {@link Engine#ingest} throws {@link OverloadedException}
 * @param dedupHorizon how long an event id is remembered for idempotency
 * @param durability how accepted events reach disk
 * @param clock wall clock
 */
public record EngineConfig(
    Path dataDir,
    List<RuleFile> rules,
    int shards,
    int queueCapacity,
    Duration dedupHorizon,
    Durability durability,
    Clock clock) {

  public EngineConfig {
    rules = List.copyOf(rules);
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1");
    }
  }

  /** Defaults: one shard per core, 100 000 queued events, 24 h dedup, fsync. */
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
}
