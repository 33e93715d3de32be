package dev.vigil.rules;

import dev.vigil.rules.schema.KeptStatistics;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which statistics a node keeps (its {@code stats.entity_keys} and {@code stats.dimensions}), so the
 * compiler rejects a rule or decision that would read statistics the node does not keep (R2030)
 * instead of deploying it to read nothing.
 *
 * @param everyKey whether every entity key field has statistics (then {@code keys} is ignored)
 * @param keys the key fields that have statistics, when not {@code everyKey}
 * @param dimensions the dimensions whose distinct values are kept, a subset of {@link
 *     KeptStatistics#DIMENSIONS}
 */
public record StatisticsScope(boolean everyKey, Set<String> keys, Set<String> dimensions) {

  /** Every key field, every dimension: the default. */
  public static final StatisticsScope EVERYTHING =
      new StatisticsScope(true, Set.of(), Set.copyOf(KeptStatistics.DIMENSIONS));

  public StatisticsScope {
    keys = Set.copyOf(keys);
    dimensions = Set.copyOf(dimensions);
    for (String d : dimensions) {
      if (!KeptStatistics.DIMENSIONS.contains(d)) {
        throw new IllegalArgumentException("'" + d + "' is not a dimension (one of "
            + String.join(", ", KeptStatistics.DIMENSIONS) + ")");
      }
    }
  }

  /**
   * What a node with {@code stats.entity_keys} = {@code keys} (empty: every key field) and {@code
   * stats.dimensions} = {@code dimensions} (empty: none) keeps.
   *
   * @throws IllegalArgumentException when a dimension is not one of {@link KeptStatistics#DIMENSIONS}
   */
  public static StatisticsScope of(Set<String> keys, Set<String> dimensions) {
    return EVERYTHING.withKeys(keys).withDimensions(dimensions);
  }

  /** This scope with statistics for the key fields {@code kept} only; empty: every key field. */
  public StatisticsScope withKeys(Set<String> kept) {
    return new StatisticsScope(kept.isEmpty(), kept, dimensions);
  }

  /** This scope keeping the distinct values of {@code kept} only (empty: none). */
  public StatisticsScope withDimensions(Set<String> kept) {
    return new StatisticsScope(everyKey, keys, kept);
  }

  public boolean keepsKey(String keyField) {
    return everyKey || keys.contains(keyField);
  }

  public boolean keepsDimension(String dimension) {
    return dimensions.contains(dimension);
  }

  /** The kept keys for messages: sorted, comma-separated, or {@code every key field}. */
  public String describeKeys() {
    return everyKey ? "every key field" : keys.isEmpty() ? "none" : String.join(", ", new TreeSet<>(keys));
  }

  /** The kept dimensions for messages: sorted, comma-separated, or {@code none}. */
  public String describeDimensions() {
    return dimensions.isEmpty() ? "none" : String.join(", ", new TreeSet<>(dimensions));
  }
}
