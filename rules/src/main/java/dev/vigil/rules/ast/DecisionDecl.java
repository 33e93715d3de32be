package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/**
 * {@code decision payment_risk on transaction [by user_id]} followed by score and verdict lines,
 * in source order.
 *
 * @param by the entity key for statistics, or null (then the type's first key field)
 */
public record DecisionDecl(Ident name, Ident on, Ident by, List<Line> lines, SourceSpan span) implements Decl {
  public DecisionDecl {
    lines = List.copyOf(lines);
  }

  /** The score lines, in order. */
  public List<Score> scores() {
    return lines.stream().filter(Score.class::isInstance).map(Score.class::cast).toList();
  }

  /** The verdict lines, in order (the {@code otherwise} line included). */
  public List<Verdict> verdicts() {
    return lines.stream().filter(Verdict.class::isInstance).map(Verdict.class::cast).toList();
  }

  /** One line of a decision. */
  public sealed interface Line extends Node {}

  /** {@code score 40 "amount far above usual" when zscore(amount) > 3}; points may be negative. */
  public record Score(Expr.Num points, Expr.Str label, Expr when, SourceSpan span) implements Line {}

  /**
   * {@code block when score >= 90} or {@code allow otherwise} ({@code when} is null).
   *
   * @param outcome {@code allow}, {@code review} or {@code block}
   */
  public record Verdict(Ident outcome, Expr when, SourceSpan span) implements Line {
    public boolean otherwise() {
      return when == null;
    }
  }
}
