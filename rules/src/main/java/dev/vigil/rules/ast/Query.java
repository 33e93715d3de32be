package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/** The {@code when} part of a rule. */
public sealed interface Query extends Node {

  /** {@code transaction where amount > 9000}: one alert per matching event. */
  record Filter(Source source, SourceSpan span) implements Query {}

  /** {@code transaction over sliding 5m having count() > 20}. */
  record Windowed(Source source, Window window, Expr having, SourceSpan span) implements Query {}

  /** {@code sequence within 10m} followed by steps; {@code within} is null when missing. */
  record Sequence(Expr.Duration within, List<Step> steps, SourceSpan span) implements Query {
    public Sequence {
      steps = List.copyOf(steps);
    }
  }

  /** An event type with an optional {@code where} condition (null when absent). */
  record Source(Ident type, Expr where, SourceSpan span) implements Node {}

  /** {@code [not] [label:] type [where cond]}; label is null when not given. */
  record Step(boolean absent, Ident label, Source source, SourceSpan span) implements Node {}
}
