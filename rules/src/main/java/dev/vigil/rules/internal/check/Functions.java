package dev.vigil.rules.internal.check;

import java.util.List;
import java.util.Map;

/**
 * The whitelist of callable functions. Nothing else can be called from a rule: there is no way to
 * name a Java class, a static method or a script, and the code generator emits only these.
 */
public final class Functions {

  /** How a function is used. */
  public enum Kind {
    /** Aggregates over a window's events: only in {@code having} and window templates. */
    AGGREGATE,
    /** Rolling per-key statistics: only in the {@code where} of a filter rule with a key, and in decisions. */
    STATS,
    /** Recent alerts of a detection rule for the entity: only in decisions. */
    ALERTS
  }

  /**
   * One function.
   *
   * @param minArgs fewest arguments
   * @param maxArgs most arguments
   */
  public record Function(String name, Kind kind, int minArgs, int maxArgs, String usage) {}

  private static final List<Function> ALL = List.of(
      new Function("count", Kind.AGGREGATE, 0, 1, "count() or count(field)"),
      new Function("sum", Kind.AGGREGATE, 1, 1, "sum(amount)"),
      new Function("avg", Kind.AGGREGATE, 1, 1, "avg(amount)"),
      new Function("min", Kind.AGGREGATE, 1, 1, "min(amount)"),
      new Function("max", Kind.AGGREGATE, 1, 1, "max(amount)"),
      new Function("distinct", Kind.AGGREGATE, 1, 1, "distinct(card_id)"),
      new Function("ratio", Kind.AGGREGATE, 1, 1, "ratio(status == \"declined\")"),
      new Function("stddev", Kind.AGGREGATE, 1, 1, "stddev(amount)"),
      new Function("stats.count", Kind.STATS, 1, 2, "stats.count(amount) or stats.count(amount, 30d)"),
      new Function("stats.mean", Kind.STATS, 1, 2, "stats.mean(amount) or stats.mean(amount, 30d)"),
      new Function("stats.stddev", Kind.STATS, 1, 2, "stats.stddev(amount) or stats.stddev(amount, 30d)"),
      new Function("stats.distinct", Kind.STATS, 1, 2, "stats.distinct(country) or stats.distinct(country, 30d)"),
      new Function("stats.last_seen", Kind.STATS, 0, 0, "stats.last_seen"),
      new Function("stats.seen", Kind.STATS, 1, 2, "stats.seen(country) or stats.seen(country, 30d)"),
      new Function("zscore", Kind.STATS, 1, 2, "zscore(amount) or zscore(amount, 30d)"),
      new Function("alerted", Kind.ALERTS, 2, 2, "alerted(card_testing, 1h)"));

  private static final Map<String, Function> BY_NAME =
      ALL.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Function::name, f -> f));

  private Functions() {}

  /** The function called {@code qualifiedName}, e.g. {@code "stats.mean"}, or null. */
  public static Function find(String qualifiedName) {
    return BY_NAME.get(qualifiedName);
  }

  public static java.util.Set<String> names() {
    return BY_NAME.keySet();
  }
}
