package dev.vigil.rules.schema;

import java.time.Duration;
import java.util.List;

/**
 * What the engine's statistics store keeps per entity (docs/design/statistics.md), so the compiler
 * accepts exactly the statistics that exist: per numeric field the lifetime figures and two rolling
 * windows (24 hourly buckets, 30 daily buckets); per dimension the distinct values over the
 * lifetime and the last 30 days.
 */
public final class KeptStatistics {

  /** Fields whose distinct values are kept per entity (when the event has them and they are not the entity's own key). */
  public static final List<String> DIMENSIONS = List.of("country", "device_id", "card_id", "merchant_id");

  /** The rolling window of hourly buckets. */
  public static final Duration LAST_24H = Duration.ofHours(24);

  /** The rolling window of daily buckets. */
  public static final Duration LAST_30D = Duration.ofDays(30);

  private KeptStatistics() {}

  /** Whether numeric statistics are kept for {@code field}: a decimal or integer field that is not a key. */
  public static boolean isNumeric(FieldSpec field) {
    return !field.key() && (field.type() == FieldType.DECIMAL || field.type() == FieldType.INTEGER);
  }
}
