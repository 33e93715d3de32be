package dev.vigil.engine.internal.state;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.WindowStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a stored {@link EntityState} into the public {@link EntityStats} as of an event time. */
final class StatsViews {
  private StatsViews() {}

  static EntityStats of(String keyField, String key, EntityState s, long asOf) {
    return of(keyField, key, s, asOf, Map.of());
  }

  /**
   * @param values dimension to the value hash ({@link Hll#hash}) of the event the statistics are
   *     read for: each gets a {@link EntityStats.ValueSeen}
   */
  static EntityStats of(String keyField, String key, EntityState s, long asOf, Map<String, Long> values) {
    Map<String, FieldStats> fields = new LinkedHashMap<>();
    for (int i = 0; i < s.fieldNames.length; i++) {
      fields.put(s.fieldNames[i], field(s.fields[i], asOf));
    }
    Map<String, DistinctStats> distinct = new LinkedHashMap<>();
    for (int i = 0; i < s.dimensions.length; i++) {
      distinct.put(s.dimensions[i], distinct(s.distinct[i], asOf));
    }
    Map<String, EntityStats.ValueSeen> seen = new LinkedHashMap<>();
    values.forEach((dim, hash) -> {
      DistinctSet d = s.dimensionOrNull(dim);
      seen.put(dim, d == null ? new EntityStats.ValueSeen(false, false) : d.seen(hash, asOf));
    });
    return new EntityStats(keyField, key, s.eventCount, s.firstSeen, s.lastSeen, asOf, fields, distinct, seen);
  }

  static DistinctStats distinct(DistinctSet d, long asOf) {
    int window = d.window(asOf);
    return new DistinctStats(d.lifetime(), d.lifetimeExact(), window, window < DistinctSet.CAPACITY);
  }

  static FieldStats field(FieldState f, long asOf) {
    Moments m = f.lifetime;
    return new FieldStats(m.count, m.mean, m.variance(), m.stddev(), f.min, f.max, f.ewma(),
        window(f.hourly.window(asOf)), window(f.daily.window(asOf)));
  }

  private static WindowStats window(Moments m) {
    return new WindowStats(m.count, m.mean * m.count, m.count == 0 ? null : m.mean, m.stddev());
  }
}
