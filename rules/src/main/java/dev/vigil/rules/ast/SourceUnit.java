package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/** One rule file: event declarations, rules and decisions, in source order. */
public record SourceUnit(List<Decl> decls, SourceSpan span) implements Node {
  public SourceUnit {
    decls = List.copyOf(decls);
  }

  public List<RuleDecl> rules() {
    return decls.stream().filter(RuleDecl.class::isInstance).map(RuleDecl.class::cast).toList();
  }

  public List<DecisionDecl> decisions() {
    return decls.stream().filter(DecisionDecl.class::isInstance).map(DecisionDecl.class::cast).toList();
  }

  public List<EventDecl> events() {
    return decls.stream().filter(EventDecl.class::isInstance).map(EventDecl.class::cast).toList();
  }
}
