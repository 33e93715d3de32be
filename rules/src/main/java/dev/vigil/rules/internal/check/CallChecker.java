package dev.vigil.rules.internal.check;

import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.KeptStatistics;
import java.util.TreeSet;

/** Checks calls against the {@link Functions} whitelist: where each may appear and its arguments. */
final class CallChecker {

  private final ExprChecker exprs;
  private final Limits limits;
  /** What the node keeps. */
  private final StatisticsScope kept;

  CallChecker(ExprChecker exprs, Limits limits, StatisticsScope kept) {
    this.exprs = exprs;
    this.limits = limits;
    this.kept = kept;
  }

  Type call(Expr.Call c, Scope scope) {
    Functions.Function f = Functions.find(c.qualifiedName());
    if (f == null) {
      String near = Names.nearest(c.qualifiedName(), Functions.names());
      return exprs.report(DiagnosticCode.UNKNOWN_FUNCTION, c.span(), "unknown function '" + c.qualifiedName() + "'",
          near != null ? "did you mean '" + near + "'?" : "rules can call only " + new TreeSet<>(Functions.names()));
    }
    if (c.args().size() < f.minArgs() || c.args().size() > f.maxArgs()) {
      return exprs.report(DiagnosticCode.BAD_ARGUMENTS, c.span(),
          "'" + f.name() + "' takes " + arity(f) + " but is given " + c.args().size(), "usage: " + f.usage());
    }
    return switch (f.kind()) {
      case AGGREGATE -> aggregate(f, c, scope);
      case STATS -> stats(f, c, scope);
      case ALERTS -> alerted(f, c, scope);
    };
  }

  private static String arity(Functions.Function f) {
    String n = f.minArgs() == f.maxArgs() ? String.valueOf(f.minArgs()) : f.minArgs() + " or " + f.maxArgs();
    return n + (f.maxArgs() == 1 && f.minArgs() == 1 ? " argument" : " arguments");
  }

  private Type aggregate(Functions.Function f, Expr.Call c, Scope scope) {
    if (!scope.aggregates()) {
      String hint = scope.kind() == Scope.Kind.AGGREGATE_ARG
          ? "aggregates cannot be nested"
          : "aggregates need a window, e.g. transaction over sliding 5m having " + f.usage().split(" or ")[0] + " > 20";
      return exprs.report(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING, c.span(),
          "aggregate '" + f.name() + "' can only be used in 'having' or in the alert of a window rule", hint);
    }
    Scope inner = scope.withKind(Scope.Kind.AGGREGATE_ARG);
    if (c.args().isEmpty()) {
      return Type.NUMBER;
    }
    Expr arg = c.args().get(0);
    switch (f.name()) {
      case "sum", "avg", "stddev" -> exprs.expect(arg, inner, Type.NUMBER, "'" + f.name() + "'");
      case "ratio" -> exprs.expect(arg, inner, Type.BOOLEAN, "'ratio'");
      case "min", "max" -> {
        Type t = exprs.type(arg, inner);
        if (t == Type.BOOLEAN) {
          exprs.report(DiagnosticCode.TYPE_MISMATCH, arg.span(), "'" + f.name() + "' needs numbers or strings", null);
        }
        return t == Type.STRING ? Type.STRING : Type.NUMBER;
      }
      default -> exprs.type(arg, inner);
    }
    return Type.NUMBER;
  }

  private Type stats(Functions.Function f, Expr.Call c, Scope scope) {
    if (scope.kind() != Scope.Kind.FILTER_WHERE && !scope.decision()) {
      return exprs.report(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING, c.span(),
          "'" + f.name() + "' can only be used in the 'where' of a single-event rule or in a decision", null);
    }
    if (scope.key() == null) {
      return exprs.report(DiagnosticCode.STATS_NEED_KEY, c.span(),
          "'" + f.name() + "' keeps statistics per key, so the rule needs a 'by' clause", "e.g. by user_id");
    }
    if (!kept.keepsKey(scope.key())) {
      return exprs.report(DiagnosticCode.STATS_NOT_KEPT, c.span(),
          "this node keeps no statistics for '" + scope.key() + "' (stats.entity_keys: " + kept.describeKeys() + ")",
          "add " + scope.key() + " to stats.entity_keys, or read the statistics of a kept key");
    }
    if (f.name().equals("stats.last_seen")) {
      return Type.NUMBER;
    }
    Expr arg = c.args().get(0);
    if (!(arg instanceof Expr.Field field) || field.qualifier() != null) {
      return exprs.report(DiagnosticCode.BAD_ARGUMENTS, arg.span(),
          "the first argument of '" + f.name() + "' must be a field of the event", "usage: " + f.usage());
    }
    Type t = exprs.type(arg, scope.withKind(Scope.Kind.WHERE));
    if (t == Type.ERROR) {
      return Type.ERROR;
    }
    boolean dimension = f.name().equals("stats.distinct") || f.name().equals("stats.seen");
    String name = field.name().name();
    if (dimension) {
      if (!KeptStatistics.DIMENSIONS.contains(name) || name.equals(scope.key())) {
        return exprs.report(DiagnosticCode.BAD_ARGUMENTS, arg.span(),
            "distinct values are kept for " + String.join(", ", KeptStatistics.DIMENSIONS)
                + (name.equals(scope.key()) ? " other than the key itself ('" + name + "')" : ", not for '" + name + "'"),
            "e.g. " + f.usage());
      }
      if (!kept.keepsDimension(name)) {
        return exprs.report(DiagnosticCode.STATS_NOT_KEPT, c.span(),
            "this node keeps no distinct values of '" + name + "' (stats.dimensions: "
                + kept.describeDimensions() + ")",
            "add " + name + " to stats.dimensions");
      }
    } else {
      FieldSpec spec = scope.current() == null ? null : scope.current().field(name);
      if (spec == null || !KeptStatistics.isNumeric(spec)) {
        exprs.expect(arg, t, Type.NUMBER, "'" + f.name() + "'");
        if (t.fits(Type.NUMBER)) {
          exprs.report(DiagnosticCode.BAD_ARGUMENTS, arg.span(), "statistics are kept for the declared number fields of '"
              + (scope.current() == null ? "the event" : scope.current().name()) + "', not for '" + name + "'",
              "e.g. " + f.usage());
        }
        return Type.ERROR;
      }
    }
    if (c.args().size() == 2) {
      horizon(f, c.args().get(1), dimension);
    }
    return f.name().equals("stats.seen") ? Type.BOOLEAN : Type.NUMBER;
  }

  /** Only the windows the store keeps: 24h (hourly buckets) and 30d (daily) for numbers, 30d for distinct values. */
  private void horizon(Functions.Function f, Expr e, boolean dimension) {
    if (!(e instanceof Expr.Duration d)) {
      exprs.report(DiagnosticCode.BAD_ARGUMENTS, e.span(),
          "the second argument of '" + f.name() + "' is a horizon such as 30d", "usage: " + f.usage());
      return;
    }
    boolean day = d.millis() == KeptStatistics.LAST_24H.toMillis();
    boolean month = d.millis() == KeptStatistics.LAST_30D.toMillis();
    if (month || (day && !dimension)) {
      return;
    }
    String kept = dimension ? "30d" : "24h or 30d";
    exprs.report(DiagnosticCode.BAD_DURATION, d.span(), "statistics keep no " + d + " window for '" + f.name()
        + "'; the horizon is " + kept + ", or none for the whole history",
        "e.g. " + f.name() + "(" + (dimension ? "country" : "amount") + ", 30d)");
  }

  private Type alerted(Functions.Function f, Expr.Call c, Scope scope) {
    if (!scope.decision()) {
      return exprs.report(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING, c.span(),
          "'alerted' can only be used in a decision", null);
    }
    if (scope.key() == null) {
      return exprs.report(DiagnosticCode.STATS_NEED_KEY, c.span(),
          "'alerted' looks up alerts of the event's entity, so the decision needs a key", "e.g. decision d on t by user_id");
    }
    Expr rule = c.args().get(0);
    if (!(rule instanceof Expr.Field field) || field.qualifier() != null
        || !dev.vigil.rules.schema.EventType.isValidName(field.name().name())) {
      return exprs.report(DiagnosticCode.BAD_ARGUMENTS, rule.span(),
          "the first argument of 'alerted' is the id of a detection rule", "usage: " + f.usage());
    }
    if (!(c.args().get(1) instanceof Expr.Duration d)) {
      return exprs.report(DiagnosticCode.BAD_ARGUMENTS, c.args().get(1).span(),
          "the second argument of 'alerted' is how far back to look, such as 1h", "usage: " + f.usage());
    }
    if (d.millis() <= 0 || d.millis() > limits.maxStatsHorizon().toMillis()) {
      exprs.report(DiagnosticCode.LIMIT_EXCEEDED, d.span(), "'alerted' looks back between 1ms and "
          + limits.maxStatsHorizon().toDays() + "d", null);
    }
    return Type.BOOLEAN;
  }
}
