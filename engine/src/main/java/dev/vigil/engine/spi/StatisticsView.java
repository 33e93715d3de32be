package dev.vigil.engine.spi;

import dev.vigil.engine.EntityRef;

/**
 * Read side of per-entity statistics for decisions, as before the event being decided. The
 * statistics store (issue 5) implements it; until then {@link #NONE} answers "no history".
 */
@FunctionalInterface
public interface StatisticsView {

  /**
   * @param entity the entity ({@code user_id=u1})
   * @param eventType the type of the event being decided (field statistics are per type)
   * @param function {@code count}, {@code mean}, {@code stddev}, {@code distinct}, {@code last_seen}
   *     or {@code seen}
   * @param field the event field
   * @param horizonMillis look back this far from {@code asOf}; 0 = all kept history
   * @param value the current event's value of {@code field} (for {@code seen}, {@code last_seen})
   * @param asOf the event's timestamp (epoch ms)
   * @return a {@code Long}, {@code BigDecimal}, {@code Double} or {@code Boolean}; null when unknown
   */
  Object read(EntityRef entity, String eventType, String function, String field, long horizonMillis, Object value, long asOf);

  /**
   * A view for one decision request, which may keep what it fetched (e.g. an entity's snapshot)
   * for the request's further reads; the default is this view itself.
   */
  default StatisticsView forRequest() {
    return this;
  }

  /**
   * As {@link #forRequest()} for a request about an event with these {@code fields}: a view may
   * fetch {@code seen} for the event's own values together with the entity's other statistics
   * (one store read per entity instead of one more per {@code seen}).
   */
  default StatisticsView forRequest(java.util.Map<String, ?> fields) {
    return forRequest();
  }

  /** No history: counts and distinct counts are 0, seen is false, everything else unknown. */
  StatisticsView NONE = (entity, eventType, function, field, horizon, value, asOf) -> switch (function) {
    case "count", "distinct" -> 0L;
    case "seen" -> Boolean.FALSE;
    default -> null;
  };
}
