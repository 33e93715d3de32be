package dev.vigil.rules.internal.print;

import dev.vigil.rules.ast.Expr;
import java.util.stream.Collectors;

/**
 * Prints expressions with the fewest parentheses that keep the tree: a child is wrapped when it
 * binds looser than its parent, or equally on the right of a left-associative operator.
 */
final class ExprPrinter {

  // Precedence levels, matching ExprParser: or 1, and 2, not 3, comparisons 4, + - 5, * / % 6, unary - 7.
  private static final int NOT = 3;
  private static final int COMPARE = 4;
  private static final int NEG = 7;
  private static final int ATOM = 8;

  private ExprPrinter() {}

  static String print(Expr e) {
    if (e instanceof Expr.Num n) {
      return n.value().toPlainString();
    } else if (e instanceof Expr.Str s) {
      return Printer.string(s.value());
    } else if (e instanceof Expr.Bool b) {
      return String.valueOf(b.value());
    } else if (e instanceof Expr.Null) {
      return "null";
    } else if (e instanceof Expr.Duration d) {
      return d.toString();
    } else if (e instanceof Expr.Field f) {
      return f.qualifier() == null ? f.name().name() : f.qualifier().name() + "." + f.name().name();
    } else if (e instanceof Expr.Call c) {
      // Only ratio() parses a condition as its argument; other arguments sit above comparisons.
      if (c.qualifiedName().equals("stats.last_seen") && c.args().isEmpty()) {
        return "stats.last_seen";
      }
      boolean condition = c.namespace() == null && c.name().name().equals("ratio");
      return c.qualifiedName() + "(" + c.args().stream().map(a -> condition ? print(a) : wrap(a, COMPARE, true))
          .collect(Collectors.joining(", ")) + ")";
    } else if (e instanceof Expr.Unary u) {
      int p = u.op() == Expr.UnaryOp.NEG ? NEG : NOT;
      String sep = u.op() == Expr.UnaryOp.NEG ? "" : " ";
      return u.op().symbol + sep + wrap(u.operand(), p, false);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence;
      // Comparisons do not chain, so both sides need to bind tighter.
      boolean rightStrict = true;
      return wrap(b.left(), p, b.op().isComparison()) + " " + b.op().symbol + " " + wrap(b.right(), p, rightStrict);
    } else if (e instanceof Expr.In in) {
      return wrap(in.value(), COMPARE, true) + (in.negated() ? " not in (" : " in (")
          + in.items().stream().map(i -> wrap(i, COMPARE, true)).collect(Collectors.joining(", ")) + ")";
    } else if (e instanceof Expr.Between b) {
      return wrap(b.value(), COMPARE, true) + (b.negated() ? " not between " : " between ")
          + wrap(b.low(), COMPARE, true) + " and " + wrap(b.high(), COMPARE, true);
    } else if (e instanceof Expr.Matches m) {
      return wrap(m.value(), COMPARE, true) + (m.negated() ? " not matches " : " matches ") + Printer.string(m.regex().value());
    } else if (e instanceof Expr.IsNull n) {
      return wrap(n.value(), COMPARE, true) + (n.negated() ? " is not null" : " is null");
    }
    throw new IllegalStateException(e.getClass().getName());
  }

  private static String wrap(Expr child, int parent, boolean strict) {
    int p = precedence(child);
    boolean needs = strict ? p <= parent : p < parent;
    return needs ? "(" + print(child) + ")" : print(child);
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    } else if (e instanceof Expr.Unary u) {
      return u.op() == Expr.UnaryOp.NEG ? NEG : NOT;
    } else if (e instanceof Expr.In || e instanceof Expr.Between || e instanceof Expr.Matches || e instanceof Expr.IsNull) {
      return COMPARE;
    }
    return ATOM;
  }
}
