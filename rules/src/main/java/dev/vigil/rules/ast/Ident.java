package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;

/** A name as written: a rule id, event type, field, label, key word argument. */
public record Ident(String name, SourceSpan span) implements Node {
  @Override
  public String toString() {
    return name;
  }
}
