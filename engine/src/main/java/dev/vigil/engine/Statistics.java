package dev.vigil.engine;

import dev.vigil.engine.internal.state.HazelcastStatistics;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.rules.StatisticsScope;
import java.util.Optional;

/**
 * A node's per-entity statistics store: an embedded Hazelcast member holding the statistics of
 * every entity, shared by the cluster. Start it before the {@link Engine} that folds events into
 * it, close it after the engine.
 *
 * <pre>{@code
 * try (Statistics stats = Statistics.start(StatisticsConfig.singleNode());
 *      Engine engine = Engine.start(config, meters, stats)) {
 *   stats.get("user_id", "u1");
 * }
 * }</pre>
 */
public final class Statistics implements AutoCloseable {
  private final EntityStatistics backend;
  /** What is kept ({@link StatisticsConfig#entityKeys}, {@link StatisticsConfig#dimensions}). */
  private final StatisticsScope scope;

  private Statistics(EntityStatistics backend, StatisticsScope scope) {
    this.backend = backend;
    this.scope = scope;
  }

  /** Starts the member and waits until it has joined its cluster. */
  public static Statistics start(StatisticsConfig config) {
    return new Statistics(HazelcastStatistics.start(config), config.scope());
  }

  /** Whether statistics are kept for entity key field {@code keyField} ({@link StatisticsConfig#entityKeys}). */
  public boolean keeps(String keyField) {
    return scope.keepsKey(keyField);
  }

  /** What is kept. */
  StatisticsScope scope() {
    return scope;
  }

  /**
   * The current statistics of one entity, or empty when it has no history or its key field's
   * statistics are not kept (a record left from before {@code stats.entity_keys} changed is not served).
   */
  public Optional<EntityStats> get(String keyField, String key) {
    return keeps(keyField) ? backend.get(keyField, key) : Optional.empty();
  }

  /** Whether the member is running (readiness). */
  public boolean running() {
    return backend.running();
  }

  EntityStatistics backend() {
    return backend;
  }

  /** Leaves the cluster gracefully (partitions migrate to the remaining members). */
  @Override
  public void close() {
    backend.close();
  }
}
