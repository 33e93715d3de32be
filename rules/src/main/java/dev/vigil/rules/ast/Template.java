package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/** An alert template: text with {@code {expression}} holes; {@code {{} and {@code }}} are braces. */
public record Template(List<Part> parts, SourceSpan span) implements Node {
  public Template {
    parts = List.copyOf(parts);
  }

  /** A piece of a template. */
  public sealed interface Part {}

  /** Literal text (braces already unescaped). */
  public record Text(String text) implements Part {}

  /** {@code {small.amount}}. */
  public record Hole(Expr expr) implements Part {}
}
