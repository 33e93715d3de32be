package dev.vigil.engine;

import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.KeptStatistics;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a node's statistics member joins its cluster (see docs/design/statistics.md).
 *
 * @param clusterName members only join a cluster of the same name
 * @param host the address the member binds to and announces
 * @param port the member port (the next free one is taken when {@code members} is empty)
 * @param members {@code host[:port]} of the other members; empty = a single-node cluster (no
 *     discovery at all)
 * @param backupCount synchronous backups of every entry (at least 1)
 * @param cacheEntries on a single node, how many entities the shards may keep as live objects
 *     (folded on the shard's thread, written to the member once per batch); 0 folds every event in
 *     the member. Ignored in a cluster (see docs/design/statistics.md)
 * @param entityKeys the entity key fields whose statistics are kept ({@code stats.entity_keys}); empty:
 *     every key field of every event type (the default). Events fold into no other entity, and rules
 *     and decisions that read another key's statistics are rejected (R2030)
 * @param dimensions the dimensions whose distinct values are kept per entity ({@code stats.dimensions}),
 *     a subset of {@link KeptStatistics#DIMENSIONS} (the default: all of them); rules and decisions
 *     that read the distinct values of another are rejected (R2030)
 */
public record StatisticsConfig(String clusterName, String host, int port, List<String> members, int backupCount,
    int cacheEntries, Set<String> entityKeys, Set<String> dimensions) {

  /** The default {@link #cacheEntries}. */
  public static final int DEFAULT_CACHE_ENTRIES = 100_000;

  public StatisticsConfig {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(host, "host");
    members = List.copyOf(members);
    entityKeys = Set.copyOf(entityKeys);
    dimensions = Set.copyOf(dimensions);
    StatisticsScope.of(entityKeys, dimensions); // checks the dimensions
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1-65535");
    }
    if (backupCount < 1 || backupCount > 6) {
      throw new IllegalArgumentException("backupCount must be 1-6");
    }
    if (cacheEntries < 0) {
      throw new IllegalArgumentException("cacheEntries must be >= 0");
    }
  }

  /** Keeping the statistics of every key field. */
  public StatisticsConfig(String clusterName, String host, int port, List<String> members, int backupCount,
      int cacheEntries) {
    this(clusterName, host, port, members, backupCount, cacheEntries, Set.of(), Set.copyOf(KeptStatistics.DIMENSIONS));
  }

  /** With the default cache size, keeping the statistics of every key field. */
  public StatisticsConfig(String clusterName, String host, int port, List<String> members, int backupCount) {
    this(clusterName, host, port, members, backupCount, DEFAULT_CACHE_ENTRIES);
  }

  /** What these settings keep, for the compiler and the folds. */
  public StatisticsScope scope() {
    return StatisticsScope.of(entityKeys, dimensions);
  }

  /** A copy in cluster {@code name}. */
  public StatisticsConfig withCluster(String name) {
    return new StatisticsConfig(name, host, port, members, backupCount, cacheEntries, entityKeys, dimensions);
  }

  /** A copy keeping the statistics of {@code keys} only (empty: every key field). */
  public StatisticsConfig withEntityKeys(Set<String> keys) {
    return new StatisticsConfig(clusterName, host, port, members, backupCount, cacheEntries, keys, dimensions);
  }

  /** A copy keeping the distinct values of {@code kept} only (empty: no distinct values at all). */
  public StatisticsConfig withDimensions(Set<String> kept) {
    return new StatisticsConfig(clusterName, host, port, members, backupCount, cacheEntries, entityKeys, kept);
  }

  /** A single member on 127.0.0.1:5701 (or the next free port), cluster {@code vigil}, 1 backup. */
  public static StatisticsConfig singleNode() {
    return new StatisticsConfig("vigil", "127.0.0.1", 5701, List.of(), 1);
  }
}
