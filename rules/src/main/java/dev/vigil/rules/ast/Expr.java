package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.math.BigDecimal;
import java.util.List;

/** Expressions of {@code where}, {@code having} and template holes. */
public sealed interface Expr extends Node {

  /** A number literal, kept exactly. */
  record Num(BigDecimal value, SourceSpan span) implements Expr {}

  /** A string literal (escapes resolved). */
  record Str(String value, SourceSpan span) implements Expr {}

  /** {@code true} / {@code false}. */
  record Bool(boolean value, SourceSpan span) implements Expr {}

  /** {@code null}. */
  record Null(SourceSpan span) implements Expr {}

  /** {@code 10m}: amount and unit ({@code ms s m h d}). */
  record Duration(long amount, String unit, SourceSpan span) implements Expr {
    public long millis() {
      return switch (unit) {
        case "ms" -> amount;
        case "s" -> amount * 1_000L;
        case "m" -> amount * 60_000L;
        case "h" -> amount * 3_600_000L;
        case "d" -> amount * 86_400_000L;
        default -> throw new IllegalStateException(unit);
      };
    }

    @Override
    public String toString() {
      return amount + unit;
    }
  }

  /** {@code amount} or {@code small.amount}; qualifier is null when unqualified. */
  record Field(Ident qualifier, Ident name, SourceSpan span) implements Expr {}

  /** {@code count()}, {@code sum(amount)}, {@code stats.mean(amount, 30d)}; namespace may be null. */
  record Call(Ident namespace, Ident name, List<Expr> args, SourceSpan span) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    public String qualifiedName() {
      return namespace == null ? name.name() : namespace.name() + "." + name.name();
    }
  }

  /** {@code -x}, {@code not x}. */
  record Unary(UnaryOp op, Expr operand, SourceSpan span) implements Expr {}

  /** Arithmetic, comparison, logic and string tests. */
  record Binary(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {}

  /** {@code x [not] in (a, b)}. */
  record In(Expr value, List<Expr> items, boolean negated, SourceSpan span) implements Expr {
    public In {
      items = List.copyOf(items);
    }
  }

  /** {@code x [not] between low and high} (inclusive). */
  record Between(Expr value, Expr low, Expr high, boolean negated, SourceSpan span) implements Expr {}

  /** {@code x [not] matches "regex"}: the whole value must match. */
  record Matches(Expr value, Str regex, boolean negated, SourceSpan span) implements Expr {}

  /** {@code x is [not] null}. */
  record IsNull(Expr value, boolean negated, SourceSpan span) implements Expr {}

  /** Prefix operators. */
  enum UnaryOp {
    NEG("-"),
    NOT("not");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Infix operators, lowest precedence first. */
  enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    EQ("==", 4),
    NE("!=", 4),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    STARTS_WITH("starts_with", 4),
    ENDS_WITH("ends_with", 4),
    CONTAINS("contains", 4),
    ADD("+", 5),
    SUB("-", 5),
    MUL("*", 6),
    DIV("/", 6),
    MOD("%", 6);

    public final String symbol;
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 4;
    }

    public boolean isArithmetic() {
      return precedence >= 5;
    }
  }
}
