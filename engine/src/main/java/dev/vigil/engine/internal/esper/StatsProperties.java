package dev.vigil.engine.internal.esper;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.ValueSeen;
import dev.vigil.engine.EntityStats.WindowStats;
import dev.vigil.engine.Event;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.KeptStatistics;
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
  static final List<String> DIMENSIONS = KeptStatistics.DIMENSIONS;

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
        m.put("zscore_" + f + w, Double.class);
      }
    }
    for (String d : DIMENSIONS) {
      m.put("distinct_" + d, Long.class);
      m.put("distinct_" + d + "_30d", Long.class);
      m.put("seen_" + d, Boolean.class);
      m.put("seen_" + d + "_30d", Boolean.class);
    }
    return m;
  }

  /**
   * The values of the properties {@code read} (sorted, {@link StatsValues#names}; {@code null}:
   * all) for {@code event}, in a map of their own (it stays with the event in the rules' windows:
   * only what the rules read, as an array); {@code null} when there are no statistics. {@code
   * scratch} is cleared and reused.
   */
  static Map<String, Object> values(EntityStats s, Event event, EventType type, String[] read,
      Map<String, Object> scratch) {
    if (s == null) {
      return null;
    }
    if (read == null) {
      return values(s, event, type, new HashMap<>(64));
    }
    scratch.clear();
    values(s, event, type, scratch);
    return new StatsValues(read, scratch);
  }

  private static Map<String, Object> values(EntityStats s, Event event, EventType type, Map<String, Object> m) {
    boolean history = s.eventCount() > 0;
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
        m.put("zscore_" + f, zscore(event.field(f), fs.mean(), fs.stddev()));
      }
      window(m, f, "_24h", fs == null ? null : fs.last24h(), event);
      window(m, f, "_30d", fs == null ? null : fs.last30d(), event);
    }
    for (String d : DIMENSIONS) {
      DistinctStats ds = s.distinct().get(d);
      m.put("distinct_" + d, ds == null ? 0L : ds.lifetime());
      m.put("distinct_" + d + "_30d", ds == null ? 0L : ds.last30d());
      ValueSeen seen = seen(s, d, event);
      m.put("seen_" + d, seen == null ? null : seen.ever());
      m.put("seen_" + d + "_30d", seen == null ? null : seen.last30d());
    }
    return m;
  }

  private static void window(Map<String, Object> m, String field, String window, WindowStats w, Event event) {
    String suffix = field + window;
    m.put("count_" + suffix, w == null ? 0L : w.count());
    m.put("sum_" + suffix, w == null ? 0.0 : w.sum());
    m.put("mean_" + suffix, w == null ? null : w.mean());
    m.put("stddev_" + suffix, w == null ? null : w.stddev());
    m.put("zscore_" + suffix, w == null ? null : zscore(event.field(field), w.mean(), w.stddev()));
  }

  /**
   * Whether the entity had the event's value of dimension {@code d} before; {@code null} when the
   * event has no such value or the answer is unknown (past the exact set). No statistics of the
   * dimension at all means the entity never had any value of it: false.
   */
  private static ValueSeen seen(EntityStats s, String d, Event event) {
    if (event.field(d) == null || d.equals(s.keyField())) {
      return null;
    }
    ValueSeen seen = s.seen().get(d);
    return seen != null ? seen : s.distinct().containsKey(d) ? null : new ValueSeen(false, false);
  }

  /** (value - mean) / stddev; {@code null} without a value or with fewer than 2 values or no spread. */
  private static Double zscore(Object value, Double mean, Double stddev) {
    if (value == null || mean == null || stddev == null || stddev == 0.0) {
      return null;
    }
    double x = value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    return (x - mean) / stddev;
  }

  private static List<String> numericFields(EventType type) {
    List<String> names = new ArrayList<>();
    for (FieldSpec f : type.fields()) {
      if (KeptStatistics.isNumeric(f)) {
        names.add(f.name());
      }
    }
    return names;
  }
}
