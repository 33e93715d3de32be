package dev.vigil.engine.spi;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.ValueSeen;

/**
 * The statistics of one entity as a rule reads them about one event (as they were before it):
 * the parts of {@link EntityStats} a rule may read, each computed when it is asked for. The rules
 * of a runtime usually read two or three of the sixty-odd {@code stats} properties, so the shard's
 * writer hands out a view over its live copy instead of building the whole {@link EntityStats}
 * (every field's windows, every dimension's counts, three copied maps) per event. A view over a
 * writer's copy is valid only until that entity changes: read it before the next fold.
 */
public interface StatsView {

  /** The entity key field, e.g. {@code user_id}. */
  String keyField();

  long eventCount();

  long firstSeen();

  long lastSeen();

  /** The statistics of {@code eventType.field}, or {@code null}. */
  FieldStats field(String eventType, String field);

  /** The distinct values of {@code dimension}, or {@code null} when the entity never had one. */
  DistinctStats distinct(String dimension);

  /**
   * Whether the entity had the event's value of {@code dimension} before; {@code null} when it was
   * not asked (the event has no such value, or it is the entity's own key).
   */
  ValueSeen seen(String dimension);

  /** A view of statistics already computed in full ({@code null} stays {@code null}). */
  static StatsView of(EntityStats s) {
    if (s == null) {
      return null;
    }
    return new StatsView() {
      @Override
      public String keyField() {
        return s.keyField();
      }

      @Override
      public long eventCount() {
        return s.eventCount();
      }

      @Override
      public long firstSeen() {
        return s.firstSeen();
      }

      @Override
      public long lastSeen() {
        return s.lastSeen();
      }

      @Override
      public FieldStats field(String eventType, String field) {
        return s.field(eventType, field);
      }

      @Override
      public DistinctStats distinct(String dimension) {
        return s.distinct().get(dimension);
      }

      @Override
      public ValueSeen seen(String dimension) {
        return s.seen().get(dimension);
      }
    };
  }
}
