package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityRef;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.spi.StatisticsView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decisions read the statistics store (issue 5) through an entity snapshot taken as of the
 * event's time: count, mean and stddev of a numeric field over the lifetime (no horizon), the
 * last 24h or the last 30d; distinct values and {@code seen} (from the distinct sets) over the
 * lifetime or the last 30d; {@code last_seen}, the entity's latest event time. Horizons the store
 * does not keep are refused by the compiler; should one arrive anyway it is unknown ({@code
 * null}), so the line does not fire. An entity without statistics has no history: counts 0,
 * {@code seen} false.
 */
public final class SnapshotStatistics implements StatisticsView {

  private static final long DAY = 86_400_000L;

  /** Reads an entity's statistics as of an event time, with {@code seen} for the given values. */
  @FunctionalInterface
  public interface Snapshots {
    Optional<EntityStats> read(String keyField, String key, long asOf, Map<String, ?> values);
  }

  private final Snapshots snapshots;

  /** @param snapshots e.g. the statistics store's {@code read} */
  public SnapshotStatistics(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  /**
   * Fetches each entity's snapshot once per request (one store read instead of one per
   * statistic); a {@code seen} question carries its value, so it reads its own snapshot.
   */
  @Override
  public StatisticsView forRequest() {
    return forRequest(Map.of());
  }

  /**
   * As {@link #forRequest()}, but the one snapshot per entity also answers {@code seen} for the
   * event's own field values (what a decision asks), so {@code payment_risk} costs one statistics
   * read, not two; {@code seen} for another value still reads its own snapshot.
   */
  @Override
  public StatisticsView forRequest(Map<String, ?> fields) {
    Map<String, Optional<EntityStats>> fetched = new HashMap<>(2);
    SnapshotStatistics outer = this;
    return new StatisticsView() {
      @Override
      public synchronized Object read(EntityRef entity, String eventType, String function, String field,
          long horizonMillis, Object value, long asOf) {
        boolean own = !function.equals("seen") || (value != null && value.equals(fields.get(field)));
        Optional<EntityStats> s = own
            ? fetched.computeIfAbsent(entity.type() + "=" + entity.key() + "@" + asOf,
                k -> outer.snapshots.read(entity.type(), entity.key(), asOf, fields))
            : snapshot(outer.snapshots, entity, function, field, value, asOf);
        return outer.read(s, entity, eventType, function, field, horizonMillis, value, asOf);
      }
    };
  }

  @Override
  public Object read(EntityRef entity, String eventType, String function, String field, long horizonMillis,
      Object value, long asOf) {
    return read(snapshot(snapshots, entity, function, field, value, asOf), entity, eventType, function, field,
        horizonMillis, value, asOf);
  }

  private static Optional<EntityStats> snapshot(Snapshots snapshots, EntityRef entity, String function, String field,
      Object value, long asOf) {
    Map<String, ?> values = function.equals("seen") && value != null ? Map.of(field, value) : Map.of();
    return snapshots.read(entity.type(), entity.key(), asOf, values);
  }

  private Object read(Optional<EntityStats> s, EntityRef entity, String eventType, String function, String field,
      long horizonMillis, Object value, long asOf) {
    if (s.isEmpty()) {
      return NONE.read(entity, eventType, function, field, horizonMillis, value, asOf);
    }
    EntityStats stats = s.get();
    return switch (function) {
      case "count", "mean", "stddev" -> numeric(stats.field(eventType, field), function, horizonMillis);
      case "distinct" -> {
        EntityStats.DistinctStats d = stats.distinct().get(field);
        yield d == null ? Long.valueOf(0L) : horizonMillis == 0 ? Long.valueOf(d.lifetime())
            : horizonMillis == 30 * DAY ? Long.valueOf(d.last30d()) : null;
      }
      case "seen" -> seen(stats, field, value, horizonMillis);
      case "last_seen" -> stats.eventCount() > 0 ? Long.valueOf(stats.lastSeen()) : null;
      default -> null;
    };
  }

  private static Boolean seen(EntityStats stats, String field, Object value, long horizonMillis) {
    if (value == null || field.equals(stats.keyField())) {
      return null;
    }
    EntityStats.ValueSeen v = stats.seen().get(field);
    if (v == null) {
      return stats.distinct().containsKey(field) ? null : Boolean.FALSE;
    }
    return horizonMillis == 0 ? v.ever() : horizonMillis == 30 * DAY ? v.last30d() : null;
  }

  private static Object numeric(EntityStats.FieldStats f, String function, long horizonMillis) {
    if (f == null) {
      return function.equals("count") ? Long.valueOf(0L) : null;
    }
    if (horizonMillis == 0) {
      return switch (function) {
        case "count" -> f.count();
        case "mean" -> f.count() == 0 ? null : f.mean();
        default -> f.stddev();
      };
    }
    EntityStats.WindowStats w = horizonMillis == DAY ? f.last24h() : horizonMillis == 30 * DAY ? f.last30d() : null;
    if (w == null) {
      return null;
    }
    return switch (function) {
      case "count" -> w.count();
      case "mean" -> w.mean();
      default -> w.stddev();
    };
  }
}
