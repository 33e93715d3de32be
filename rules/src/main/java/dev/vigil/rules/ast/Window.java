package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;

/** The window of an {@code over} clause. */
public sealed interface Window extends Node {

  /** {@code sliding 5m}: the events of the last 5 minutes of event time. */
  record Sliding(Expr.Duration size, SourceSpan span) implements Window {}

  /** {@code tumbling 1m}: back-to-back epoch-aligned windows [k*1m, (k+1)*1m). */
  record Tumbling(Expr.Duration size, SourceSpan span) implements Window {}

  /** {@code session gap 30m}: a key's events until it is quiet for 30 minutes. */
  record Session(Expr.Duration gap, SourceSpan span) implements Window {}

  /** {@code all}: every event since the rule was deployed (running totals). */
  record All(SourceSpan span) implements Window {}
}
