package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityRef;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.spi.StatisticsView;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Decisions read the statistics store (issue 5) through its entity snapshot: count, mean and
 * stddev of a numeric field over the lifetime (no horizon), the last 24h or the last 30d, and
 * distinct values over the lifetime or the last 30d. What the snapshot does not keep (other
 * horizons, {@code seen}, {@code last_seen}) is unknown ({@code null}), so such lines do not
 * fire. An entity without statistics has no history: counts 0.
 */
public final class SnapshotStatistics implements StatisticsView {

  private static final long DAY = 86_400_000L;

  private final BiFunction<String, String, Optional<EntityStats>> snapshots;

  /** @param snapshots (key field, key) to the entity's statistics, e.g. {@code engine::entityStats} */
  public SnapshotStatistics(BiFunction<String, String, Optional<EntityStats>> snapshots) {
    this.snapshots = snapshots;
  }

  /** Fetches each entity's snapshot once per request (one store read instead of one per statistic). */
  @Override
  public StatisticsView forRequest() {
    java.util.Map<String, Optional<EntityStats>> fetched = new java.util.HashMap<>(2);
    SnapshotStatistics outer = this;
    return new StatisticsView() {
      @Override
      public synchronized Object read(EntityRef entity, String eventType, String function, String field,
          long horizonMillis, Object value, long asOf) {
        Optional<EntityStats> s = fetched.computeIfAbsent(entity.type() + "=" + entity.key(),
            k -> outer.snapshots.apply(entity.type(), entity.key()));
        return outer.read(s, entity, eventType, function, field, horizonMillis, value, asOf);
      }
    };
  }

  @Override
  public Object read(EntityRef entity, String eventType, String function, String field, long horizonMillis,
      Object value, long asOf) {
    return read(snapshots.apply(entity.type(), entity.key()), entity, eventType, function, field, horizonMillis, value,
        asOf);
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
      default -> null;
    };
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
