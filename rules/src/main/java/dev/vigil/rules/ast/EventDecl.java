package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/**
 * {@code event reading (sensor_id: string key, celsius: number)}: a custom event type declared in
 * the rule file.
 */
public record EventDecl(Ident name, List<FieldDecl> fields, SourceSpan span) implements Decl {
  public EventDecl {
    fields = List.copyOf(fields);
  }

  /** {@code sensor_id: string key required}; {@code type} is resolved by the checker. */
  public record FieldDecl(Ident name, Ident type, boolean key, boolean required, SourceSpan span)
      implements Node {}
}
