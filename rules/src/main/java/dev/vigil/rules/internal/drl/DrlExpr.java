package dev.vigil.rules.internal.drl;

import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Expr.BinaryOp;
import java.util.List;

/**
 * Translates a checked expression to a DRL constraint expression built only from the fixed
 * vocabulary of the engine's fact class (docs/dsl.md, "Generated DRL"): SQL three-valued
 * operators ({@code and3 or3 not3 eq ne lt le gt ge}), arithmetic ({@code add sub mul div mod
 * neg}), text tests ({@code prefix suffix infix regex}), {@code isNull}, and reads ({@code field
 * stat lastSeen seen zscore alerted score}). No user text appears except as an escaped literal.
 */
final class DrlExpr {

  private final boolean verdict;

  /** @param verdict whether {@code score} means the total (verdict lines) rather than a field */
  DrlExpr(boolean verdict) {
    this.verdict = verdict;
  }

  /**
   * {@code e} where a truth value is needed (the whole condition, operands of and/or/not): a bare
   * boolean field reads as {@code eq( field(...), Boolean.TRUE )}, which is a Boolean (null when
   * the field is absent) where {@code field(...)} is an Object.
   */
  String test(Expr e) {
    if (e instanceof Expr.Field f && !(verdict && f.name().name().equals("score"))) {
      return call2("eq", of(e), "Boolean.TRUE");
    }
    return of(e);
  }

  String of(Expr e) {
    if (e instanceof Expr.Num n) {
      return DrlText.number(n.value());
    } else if (e instanceof Expr.Str s) {
      return DrlText.literal(s.value());
    } else if (e instanceof Expr.Bool b) {
      return b.value() ? "Boolean.TRUE" : "Boolean.FALSE";
    } else if (e instanceof Expr.Null) {
      return "null";
    } else if (e instanceof Expr.Field f) {
      if (f.qualifier() != null) {
        throw new DrlText.UnsafeOutputException("qualified field in a decision");
      }
      return f.name().name().equals("score") && verdict ? "score()" : "field( " + DrlText.name(f.name().name()) + " )";
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NEG ? "neg( " + of(u.operand()) + " )" : "not3( " + test(u.operand()) + " )";
    } else if (e instanceof Expr.Binary b) {
      boolean logical = b.op() == BinaryOp.AND || b.op() == BinaryOp.OR;
      return logical ? call2(binary(b.op()), test(b.left()), test(b.right()))
          : call2(binary(b.op()), of(b.left()), of(b.right()));
    } else if (e instanceof Expr.In in) {
      String any = anyEqual(of(in.value()), in.items(), 0, in.items().size());
      return in.negated() ? "not3( " + any + " )" : any;
    } else if (e instanceof Expr.Between b) {
      String v = of(b.value());
      String test = call2("and3", call2("ge", v, of(b.low())), call2("le", v, of(b.high())));
      return b.negated() ? "not3( " + test + " )" : test;
    } else if (e instanceof Expr.Matches m) {
      String test = call2("regex", of(m.value()), DrlText.literal(m.regex().value()));
      return m.negated() ? "not3( " + test + " )" : test;
    } else if (e instanceof Expr.IsNull n) {
      String test = "isNull( " + of(n.value()) + " )";
      return n.negated() ? "not3( " + test + " )" : test;
    } else if (e instanceof Expr.Duration) {
      throw new DrlText.UnsafeOutputException("duration as a value");
    }
    throw new DrlText.UnsafeOutputException("unknown expression " + e.getClass().getSimpleName());
  }

  /** {@code or3( eq(v, a), eq(v, b) )}, balanced so long lists stay shallow. */
  private String anyEqual(String v, List<Expr> items, int from, int to) {
    if (to - from == 1) {
      return call2("eq", v, of(items.get(from)));
    }
    int mid = (from + to) >>> 1;
    return call2("or3", anyEqual(v, items, from, mid), anyEqual(v, items, mid, to));
  }

  private String call(Expr.Call c) {
    String fn = c.qualifiedName();
    long horizon = c.args().size() > 1 && c.args().get(1) instanceof Expr.Duration d ? d.millis() : 0L;
    String field = c.args().isEmpty() ? null : ((Expr.Field) c.args().get(0)).name().name();
    return switch (fn) {
      case "stats.count", "stats.mean", "stats.stddev", "stats.distinct" ->
          "stat( " + DrlText.name(fn.substring(6)) + ", " + DrlText.name(field) + ", " + horizon + "L )";
      case "stats.last_seen" -> "lastSeen()";
      case "stats.seen" -> "seen( " + DrlText.name(field) + ", " + horizon + "L )";
      case "zscore" -> "zscore( " + DrlText.name(field) + ", " + horizon + "L )";
      case "alerted" -> "alerted( " + DrlText.name(field) + ", " + horizon + "L )";
      default -> throw new DrlText.UnsafeOutputException("function not allowed in a decision: " + fn);
    };
  }

  private static String binary(BinaryOp op) {
    return switch (op) {
      case OR -> "or3";
      case AND -> "and3";
      case EQ -> "eq";
      case NE -> "ne";
      case LT -> "lt";
      case LE -> "le";
      case GT -> "gt";
      case GE -> "ge";
      case STARTS_WITH -> "prefix";
      case ENDS_WITH -> "suffix";
      case CONTAINS -> "infix";
      case ADD -> "add";
      case SUB -> "sub";
      case MUL -> "mul";
      case DIV -> "div";
      case MOD -> "mod";
    };
  }

  private static String call2(String fn, String a, String b) {
    return fn + "( " + a + ", " + b + " )";
  }
}
