package dev.vigil.engine.internal.state;

import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.ValueSeen;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.StatsView;

/**
 * The statistics a rule reads about one event, straight from a shard's live {@link EntityState}
 * (see {@link OwnedEntities#peek}): each part is computed when asked for, as {@link StatsViews}
 * would compute it, so a rule reading {@code stats.count_amount} costs one field's figures instead
 * of the whole {@code EntityStats}. Valid until the entity changes; {@code state} {@code null}:
 * no history (zero counts, first and last seen at the event).
 */
final class EntityStateView implements StatsView {
  private final String keyField;
  private final EntityState state;
  private final Event event;
  private String fieldName;
  private FieldStats fieldStats;

  EntityStateView(String keyField, EntityState state, Event event) {
    this.keyField = keyField;
    this.state = state;
    this.event = event;
  }

  @Override
  public String keyField() {
    return keyField;
  }

  @Override
  public long eventCount() {
    return state == null ? 0 : state.eventCount;
  }

  @Override
  public long firstSeen() {
    return state == null ? event.timestamp() : state.firstSeen;
  }

  @Override
  public long lastSeen() {
    return state == null ? event.timestamp() : state.lastSeen;
  }

  /** The last field asked for is kept: a rule usually reads several figures of one field. */
  @Override
  public FieldStats field(String eventType, String field) {
    if (state == null) {
      return null;
    }
    String name = eventType + "." + field;
    if (!name.equals(fieldName)) {
      FieldState f = state.fieldOrNull(name);
      fieldStats = f == null ? null : StatsViews.field(f, event.timestamp());
      fieldName = name;
    }
    return fieldStats;
  }

  @Override
  public DistinctStats distinct(String dimension) {
    DistinctSet d = state == null ? null : state.dimensionOrNull(dimension);
    return d == null ? null : StatsViews.distinct(d, event.timestamp());
  }

  @Override
  public ValueSeen seen(String dimension) {
    Object value = event.field(dimension);
    if (state == null || value == null || dimension.equals(keyField)
        || !HazelcastStatistics.DIMENSIONS.contains(dimension)) {
      return null;
    }
    DistinctSet d = state.dimensionOrNull(dimension);
    return d == null ? new ValueSeen(false, false) : d.seen(Hll.hash(value.toString()), event.timestamp());
  }
}
