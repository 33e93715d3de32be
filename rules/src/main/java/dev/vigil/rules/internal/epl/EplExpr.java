package dev.vigil.rules.internal.epl;

import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Expr.BinaryOp;
import dev.vigil.rules.schema.KeptStatistics;
import java.util.stream.Collectors;

/**
 * Translates a checked expression to EPL. Every operator maps to one fixed EPL form and every
 * sub-expression is parenthesised, so precedence never depends on EPL's own rules. Names and
 * literals go through {@link EplText}; functions outside the whitelist cannot be emitted.
 */
final class EplExpr {

  /** How names of the rule become EPL for the statement being built. */
  interface Scope {
    /** An unqualified field, e.g. {@code `amount`} or {@code e1.`card_id`}. */
    String field(String name);

    /** {@code label.field}, e.g. {@code e1.`country`}. */
    String labelled(String label, String name);
  }

  private final Scope scope;

  EplExpr(Scope scope) {
    this.scope = scope;
  }

  String of(Expr e) {
    if (e instanceof Expr.Num n) {
      return EplText.number(n.value());
    } else if (e instanceof Expr.Str s) {
      return EplText.literal(s.value());
    } else if (e instanceof Expr.Bool b) {
      return b.value() ? "true" : "false";
    } else if (e instanceof Expr.Null) {
      return "null";
    } else if (e instanceof Expr.Field f) {
      return f.qualifier() == null ? scope.field(f.name().name()) : scope.labelled(f.qualifier().name(), f.name().name());
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NEG ? "(-" + of(u.operand()) + ")" : "(not " + of(u.operand()) + ")";
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    } else if (e instanceof Expr.In in) {
      return "(" + of(in.value()) + (in.negated() ? " not in (" : " in (")
          + in.items().stream().map(this::of).collect(Collectors.joining(", ")) + "))";
    } else if (e instanceof Expr.Between b) {
      return "(" + of(b.value()) + (b.negated() ? " not between " : " between ") + of(b.low()) + " and " + of(b.high()) + ")";
    } else if (e instanceof Expr.Matches m) {
      return "(" + of(m.value()) + (m.negated() ? " not regexp " : " regexp ") + EplText.literal(m.regex().value()) + ")";
    } else if (e instanceof Expr.IsNull n) {
      return "(" + of(n.value()) + (n.negated() ? " is not null)" : " is null)");
    }
    throw new EplText.UnsafeOutputException("no EPL form for " + e.getClass().getSimpleName());
  }

  private String binary(Expr.Binary b) {
    BinaryOp op = b.op();
    String l = of(b.left());
    switch (op) {
      case STARTS_WITH, ENDS_WITH, CONTAINS -> {
        String v = ((Expr.Str) b.right()).value();
        String pattern = op == BinaryOp.STARTS_WITH ? EplText.likePattern("", v, "%")
            : op == BinaryOp.ENDS_WITH ? EplText.likePattern("%", v, "") : EplText.likePattern("%", v, "%");
        return "(" + l + " like " + pattern + ")";
      }
      case DIV -> {
        // Decimal division may not terminate; divide as doubles instead of failing at runtime.
        return "(cast(" + l + ", double) / cast(" + of(b.right()) + ", double))";
      }
      default -> {
        String symbol = switch (op) {
          case EQ -> "=";
          case NE -> "!=";
          case LT -> "<";
          case LE -> "<=";
          case GT -> ">";
          case GE -> ">=";
          case AND -> "and";
          case OR -> "or";
          case ADD -> "+";
          case SUB -> "-";
          case MUL -> "*";
          case MOD -> "%";
          default -> throw new EplText.UnsafeOutputException("no EPL form for " + op);
        };
        return "(" + l + " " + symbol + " " + of(b.right()) + ")";
      }
    }
  }

  private String call(Expr.Call c) {
    if (c.namespace() != null || c.name().name().equals("zscore")) {
      return stats(c);
    }
    String arg = c.args().isEmpty() ? null : of(c.args().get(0));
    return switch (c.name().name()) {
      case "count" -> arg == null ? "count(*)" : "count(" + arg + ")";
      case "sum" -> "sum(" + arg + ")";
      case "avg" -> "avg(cast(" + arg + ", double))";
      case "stddev" -> "stddev(cast(" + arg + ", double))";
      case "min" -> "min(" + arg + ")";
      case "max" -> "max(" + arg + ")";
      case "distinct" -> "count(distinct " + arg + ")";
      case "ratio" -> "(sum(case when " + arg + " then 1.0 else 0.0 end) / count(*))";
      default -> throw new EplText.UnsafeOutputException("function not whitelisted: " + c.qualifiedName());
    };
  }

  /**
   * A rolling statistic as the property of the event's {@code stats} map that the engine fills in
   * (docs/rules-epl.md): {@code stats.mean(amount, 30d)} is {@code stats.mean_amount_30d}. The
   * checker admits only fields and horizons the store keeps, so every name here exists.
   */
  private static String stats(Expr.Call c) {
    String fn = c.qualifiedName();
    if (fn.equals("stats.last_seen")) {
      return "stats.last_seen";
    }
    String field = EplText.name(((Expr.Field) c.args().get(0)).name().name());
    String window = c.args().size() < 2 ? "" : window(((Expr.Duration) c.args().get(1)).millis());
    String property = switch (fn) {
      case "stats.count", "stats.mean", "stats.stddev" -> fn.substring("stats.".length()) + "_" + field + window;
      case "zscore" -> "zscore_" + field + window;
      case "stats.distinct" -> "distinct_" + field + window;
      case "stats.seen" -> "seen_" + field + window;
      default -> throw new EplText.UnsafeOutputException("function not whitelisted: " + fn);
    };
    return "stats." + property;
  }

  private static String window(long millis) {
    if (millis == KeptStatistics.LAST_24H.toMillis()) {
      return "_24h";
    } else if (millis == KeptStatistics.LAST_30D.toMillis()) {
      return "_30d";
    }
    throw new EplText.UnsafeOutputException("no statistics window of " + millis + " ms");
  }
}
