package dev.vigil.rules.internal.check;

import java.util.Set;

/**
 * Words Esper 9 refuses as an event type name in {@code create map schema <name>}, found by
 * trying each candidate (pinned by ReservedTypeNamesEsperTest). Field names never need this: the
 * generated EPL back-quotes them. Custom types with these names are rejected by the checker, so a
 * file that compiles also deploys.
 */
public final class EngineReservedWords {

  public static final Set<String> TYPE_NAMES = Set.of(
      "select", "from", "where", "group", "by", "having", "order", "insert", "into", "delete", "update", "create",
      "window", "pattern", "every", "and", "or", "not", "in", "between", "like", "regexp", "is", "null", "true",
      "false", "as", "on", "output", "limit", "join", "left", "right", "full", "outer", "inner", "all", "any",
      "some", "distinct", "case", "when", "then", "else", "end", "escape", "istream", "rstream", "irstream",
      "unidirectional", "sum", "avg", "count", "min", "max", "median", "stddev", "avedev", "coalesce", "cast",
      "exists", "last", "first", "prior", "prev", "match_recognize", "measures", "define", "partition", "matches",
      "schema", "context", "start", "initiated", "terminated", "using", "variable", "table", "index", "expression",
      "set", "merge", "new", "for", "events", "hour", "hours", "minute", "minutes", "sec", "second", "seconds",
      "msec", "millisecond", "milliseconds", "day", "days", "week", "weeks", "month", "months", "year", "years",
      "usec", "microsecond", "microseconds", "current_timestamp", "snapshot", "asc", "desc", "after", "at",
      "metadatasql", "sql", "dataflow", "values", "lastweekday", "weekday", "grouping", "grouping_id", "rollup",
      "cube", "sets");

  private EngineReservedWords() {}
}
