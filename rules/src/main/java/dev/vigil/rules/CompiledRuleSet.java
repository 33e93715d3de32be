package dev.vigil.rules;

import dev.vigil.rules.schema.EventType;
import java.util.List;

/**
 * A compiled rule file: its rules and decisions in source order, the custom event types it
 * declares (deploy these first), and any warnings.
 */
public record CompiledRuleSet(
    String sourceName, List<CompiledRule> rules, List<CompiledDecision> decisions, List<EventType> declaredTypes,
    List<Diagnostic> warnings) {

  public CompiledRuleSet {
    rules = List.copyOf(rules);
    decisions = List.copyOf(decisions);
    declaredTypes = List.copyOf(declaredTypes);
    warnings = List.copyOf(warnings);
  }

  /** The rule with this id, or null. */
  public CompiledRule rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }
}
