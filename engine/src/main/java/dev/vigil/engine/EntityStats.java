package dev.vigil.engine;

import java.util.Map;

/**
 * Rolling statistics of one entity (e.g. {@code user_id = u1}), as of an event time: when read
 * through the API, as of the entity's latest event; when seen by a rule, as of the current event,
 * before it was folded in. Windows are by event time and end at {@code asOf}'s hour or day.
 *
 * @param keyField the entity key field, e.g. {@code user_id}
 * @param key the key value
 * @param eventCount events of any type carrying this key
 * @param firstSeen earliest event time (epoch ms)
 * @param lastSeen latest event time (epoch ms)
 * @param asOf the event time the windows end at (epoch ms)
 * @param fields per numeric field, named {@code type.field} (e.g. {@code transaction.amount})
 * @param distinct per dimension ({@code country}, {@code device_id}, {@code card_id}, {@code
 *     merchant_id}) the distinct values seen
 * @param seen for the statistics a rule or decision reads about one event: per dimension that
 *     event carries, whether the entity had that value before (empty for plain reads)
 */
public record EntityStats(
    String keyField,
    String key,
    long eventCount,
    long firstSeen,
    long lastSeen,
    long asOf,
    Map<String, FieldStats> fields,
    Map<String, DistinctStats> distinct,
    Map<String, ValueSeen> seen) {

  public EntityStats {
    fields = Map.copyOf(fields);
    distinct = Map.copyOf(distinct);
    seen = Map.copyOf(seen);
  }

  /** Statistics not read for a particular event (no {@link #seen}). */
  public EntityStats(String keyField, String key, long eventCount, long firstSeen, long lastSeen, long asOf,
      Map<String, FieldStats> fields, Map<String, DistinctStats> distinct) {
    this(keyField, key, eventCount, firstSeen, lastSeen, asOf, fields, distinct, Map.of());
  }

  /**
   * One numeric field. Means and deviations are doubles (decimals are converted); {@code stddev}
   * and {@code variance} are the sample ones (n - 1) and {@code null} below two values.
   *
   * @param ewma mean with each value's weight halving every 7 days of event time
   */
  public record FieldStats(
      long count,
      double mean,
      Double variance,
      Double stddev,
      double min,
      double max,
      Double ewma,
      WindowStats last24h,
      WindowStats last30d) {}

  /** A rolling window (24 hourly or 30 daily buckets). {@code mean} is null when empty. */
  public record WindowStats(long count, double sum, Double mean, Double stddev) {}

  /**
   * Distinct values of one dimension. {@code lifetime} is exact up to 64 values, then a
   * HyperLogLog estimate (about 3 % error); {@code last30d} is exact below 64, otherwise a lower
   * bound (64).
   */
  public record DistinctStats(long lifetime, boolean lifetimeExact, long last30d, boolean last30dExact) {}

  /**
   * Whether the entity had one value of a dimension (e.g. this transaction's country) before.
   * Exact while the dimension's exact set holds every value the entity had (up to 64); past that
   * the set keeps the 64 most recently seen values, and a value not among them is unknown
   * ({@code null}) — except that {@code last30d} is still {@code false} when every forgotten
   * value was last seen before the 30-day window.
   *
   * @param ever over the whole kept history
   * @param last30d in the 30 event days ending with {@code asOf}'s day
   */
  public record ValueSeen(Boolean ever, Boolean last30d) {}

  /** The statistics of {@code eventType.field}, or {@code null}. */
  public FieldStats field(String eventType, String field) {
    return fields.get(eventType + "." + field);
  }
}
