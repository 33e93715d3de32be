package dev.vigil.engine.internal.esper;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.WindowStats;
import dev.vigil.engine.Event;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stats} property of every event type as EPL sees it: a nested map of the route-key
 * entity's statistics before the current event, typed per event type ({@code <type>_vigil_stats}),
 * so {@code stats.zscore_amount} is a compile-checked {@code Double}. Names are documented in
 * docs/rules-epl.md; keep both in step.
 */
final class StatsProperties {
  static final List<String> DIMENSIONS = List.of("country", "device_id", "card_id", "merchant_id");

  private StatsProperties() {}

  static String schemaName(EventType type) {
    return type.name() + "_vigil_stats";
  }

  /** Property name to Java type, in declaration order. */
  static Map<String, Class<?>> schema(EventType type) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("event_count", Long.class);
    m.put("first_seen", Long.class);
    m.put("last_seen", Long.class);
    for (String f : numericFields(type)) {
      m.put("count_" + f, Long.class);
      for (String s : List.of("mean_", "stddev_", "variance_", "min_", "max_", "ewma_", "zscore_")) {
        m.put(s + f, Double.class);
      }
      for (String w : List.of("_24h", "_30d")) {
        m.put("count_" + f + w, Long.class);
        m.put("sum_" + f + w, Double.class);
        m.put("mean_" + f + w, Double.class);
        m.put("stddev_" + f + w, Double.class);
      }
    }
    for (String d : DIMENSIONS) {
      m.put("distinct_" + d, Long.class);
      m.put("distinct_" + d + "_30d", Long.class);
    }
    return m;
  }

  /** The property values for {@code event}; {@code null} when there are no statistics. */
  static Map<String, Object> values(EntityStats s, Event event, EventType type) {
    if (s == null) {
      return null;
    }
    boolean history = s.eventCount() > 0;
    Map<String, Object> m = new HashMap<>(64);
    m.put("event_count", s.eventCount());
    m.put("first_seen", history ? s.firstSeen() : null);
    m.put("last_seen", history ? s.lastSeen() : null);
    for (String f : numericFields(type)) {
      FieldStats fs = s.field(type.name(), f);
      m.put("count_" + f, fs == null ? 0L : fs.count());
      if (fs != null) {
        m.put("mean_" + f, fs.mean());
        m.put("stddev_" + f, fs.stddev());
        m.put("variance_" + f, fs.variance());
        m.put("min_" + f, fs.min());
        m.put("max_" + f, fs.max());
        m.put("ewma_" + f, fs.ewma());
        m.put("zscore_" + f, zscore(event.field(f), fs));
      }
      window(m, f + "_24h", fs == null ? null : fs.last24h());
      window(m, f + "_30d", fs == null ? null : fs.last30d());
    }
    for (String d : DIMENSIONS) {
      DistinctStats ds = s.distinct().get(d);
      m.put("distinct_" + d, ds == null ? 0L : ds.lifetime());
      m.put("distinct_" + d + "_30d", ds == null ? 0L : ds.last30d());
    }
    return m;
  }

  private static void window(Map<String, Object> m, String suffix, WindowStats w) {
    m.put("count_" + suffix, w == null ? 0L : w.count());
    m.put("sum_" + suffix, w == null ? 0.0 : w.sum());
    m.put("mean_" + suffix, w == null ? null : w.mean());
    m.put("stddev_" + suffix, w == null ? null : w.stddev());
  }

  /** (value - mean) / stddev; {@code null} without a value or with fewer than 2 values or no spread. */
  private static Double zscore(Object value, FieldStats fs) {
    if (value == null || fs.stddev() == null || fs.stddev() == 0.0) {
      return null;
    }
    double x = value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    return (x - fs.mean()) / fs.stddev();
  }

  private static List<String> numericFields(EventType type) {
    List<String> names = new ArrayList<>();
    for (FieldSpec f : type.fields()) {
      if (!f.key() && (f.type() == FieldType.DECIMAL || f.type() == FieldType.INTEGER)) {
        names.add(f.name());
      }
    }
    return names;
  }
}
