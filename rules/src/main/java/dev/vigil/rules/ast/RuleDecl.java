package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;
import java.util.Optional;

/** {@code rule <id>} followed by its clauses, in source order. */
public record RuleDecl(Ident name, List<Clause> clauses, SourceSpan span) implements Decl {
  public RuleDecl {
    clauses = List.copyOf(clauses);
  }

  /** The first clause of the given kind. */
  public <C extends Clause> Optional<C> clause(Class<C> kind) {
    return clauses.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}
