package dev.vigil.engine.internal.esper;

import dev.vigil.engine.EntityStats.DistinctStats;
import dev.vigil.engine.EntityStats.FieldStats;
import dev.vigil.engine.EntityStats.ValueSeen;
import dev.vigil.engine.EntityStats.WindowStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.StatsView;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.KeptStatistics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  /** How one {@code stats} property is read about one event. */
  @FunctionalInterface
  interface Accessor {
    Object get(StatsView s, Event event);
  }

  /**
   * How to read the properties {@code read} (sorted, {@link StatsValues#names}; {@code null}: all
   * of the type's) for events of one type: the names and their accessors, in that order; a name the
   * type does not have reads {@code null}. Built once per runtime and type: per event only the read
   * properties are computed (a rule reads two or three of the sixty-odd).
   */
  record Plan(String[] names, Accessor[] accessors) {}

  static Plan plan(EventType type, String[] read) {
    Map<String, Accessor> all = accessors(type);
    String[] names = read != null ? read : StatsValues.names(all.keySet());
    Accessor[] plan = new Accessor[names.length];
    for (int i = 0; i < names.length; i++) {
      plan[i] = all.getOrDefault(names[i], (s, e) -> null);
    }
    return new Plan(names, plan);
  }

  /**
   * The values of the properties of {@code plan} for {@code event}, in a map of their own (it
   * stays with the event in the rules' windows, so only what the rules read, as an array);
   * {@code null} when there are no statistics. Everything is read here, before the method
   * returns: the view may change afterwards.
   */
  static Map<String, Object> values(StatsView s, Event event, Plan plan) {
    if (s == null) {
      return null;
    }
    Object[] values = new Object[plan.names().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = plan.accessors()[i].get(s, event);
    }
    return new StatsValues(plan.names(), values);
  }

  /** Every property of {@code type}'s {@code stats}, as {@link #schema} declares them. */
  static Map<String, Accessor> accessors(EventType type) {
    Map<String, Accessor> m = new LinkedHashMap<>();
    m.put("event_count", (s, e) -> s.eventCount());
    m.put("first_seen", (s, e) -> s.eventCount() > 0 ? s.firstSeen() : null);
    m.put("last_seen", (s, e) -> s.eventCount() > 0 ? s.lastSeen() : null);
    String typeName = type.name();
    for (String f : numericFields(type)) {
      m.put("count_" + f, (s, e) -> {
        FieldStats fs = s.field(typeName, f);
        return fs == null ? 0L : fs.count();
      });
      m.put("mean_" + f, lifetime(typeName, f, FieldStats::mean));
      m.put("stddev_" + f, lifetime(typeName, f, FieldStats::stddev));
      m.put("variance_" + f, lifetime(typeName, f, FieldStats::variance));
      m.put("min_" + f, lifetime(typeName, f, FieldStats::min));
      m.put("max_" + f, lifetime(typeName, f, FieldStats::max));
      m.put("ewma_" + f, lifetime(typeName, f, FieldStats::ewma));
      m.put("zscore_" + f, (s, e) -> {
        FieldStats fs = s.field(typeName, f);
        return fs == null ? null : zscore(e.field(f), fs.mean(), fs.stddev());
      });
      window(m, typeName, f, "_24h", FieldStats::last24h);
      window(m, typeName, f, "_30d", FieldStats::last30d);
    }
    DIMENSIONS.forEach(d -> dimension(m, d));
    return m;
  }

  private static void dimension(Map<String, Accessor> m, String d) {
    m.put("distinct_" + d, (s, e) -> {
      DistinctStats ds = s.distinct(d);
      return ds == null ? 0L : ds.lifetime();
    });
    m.put("distinct_" + d + "_30d", (s, e) -> {
      DistinctStats ds = s.distinct(d);
      return ds == null ? 0L : ds.last30d();
    });
    m.put("seen_" + d, (s, e) -> {
      ValueSeen seen = seen(s, d, e);
      return seen == null ? null : seen.ever();
    });
    m.put("seen_" + d + "_30d", (s, e) -> {
      ValueSeen seen = seen(s, d, e);
      return seen == null ? null : seen.last30d();
    });
  }

  /** A lifetime figure of field {@code f}; absent ({@code null}) when the entity has none of it. */
  private static Accessor lifetime(String type, String f, Function<FieldStats, Object> figure) {
    return (s, e) -> {
      FieldStats fs = s.field(type, f);
      return fs == null ? null : figure.apply(fs);
    };
  }

  private static void window(Map<String, Accessor> m, String type, String field, String window,
      Function<FieldStats, WindowStats> which) {
    String suffix = field + window;
    Function<StatsView, WindowStats> w = s -> {
      FieldStats fs = s.field(type, field);
      return fs == null ? null : which.apply(fs);
    };
    m.put("count_" + suffix, (s, e) -> {
      WindowStats ws = w.apply(s);
      return ws == null ? 0L : ws.count();
    });
    m.put("sum_" + suffix, (s, e) -> {
      WindowStats ws = w.apply(s);
      return ws == null ? 0.0 : ws.sum();
    });
    m.put("mean_" + suffix, (s, e) -> {
      WindowStats ws = w.apply(s);
      return ws == null ? null : ws.mean();
    });
    m.put("stddev_" + suffix, (s, e) -> {
      WindowStats ws = w.apply(s);
      return ws == null ? null : ws.stddev();
    });
    m.put("zscore_" + suffix, (s, e) -> {
      WindowStats ws = w.apply(s);
      return ws == null ? null : zscore(e.field(field), ws.mean(), ws.stddev());
    });
  }

  /**
   * Whether the entity had the event's value of dimension {@code d} before; {@code null} when the
   * event has no such value or the answer is unknown (past the exact set). No statistics of the
   * dimension at all means the entity never had any value of it: false.
   */
  private static ValueSeen seen(StatsView s, String d, Event event) {
    if (event.field(d) == null || d.equals(s.keyField())) {
      return null;
    }
    ValueSeen seen = s.seen(d);
    return seen != null ? seen : s.distinct(d) != null ? null : new ValueSeen(false, false);
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
