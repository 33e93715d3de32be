package dev.vigil.engine.internal.drools;

import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleChangeException.Reason;
import dev.vigil.rules.CompiledDecision;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.ast.SourceUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiling decision-set sources. A set deployed through the API holds decision blocks only
 * (detection rules go to {@code /v1/rules}, event types to {@code /v1/event-types}), at most one
 * per event type; a rules-directory file may mix them, and only its decisions form its set.
 */
final class DecisionSource {

  private DecisionSource() {}

  /**
   * @return the decisions by the event type they decide, in source order
   * @throws RuleException every diagnostic of the source
   * @throws RuleChangeException INVALID: no decision, rules or event declarations, two decisions on one type
   */
  static Map<String, CompiledDecision> compile(String fileName, String source, RuleCompiler compiler)
      throws RuleException, RuleChangeException {
    Map<String, CompiledDecision> byType = compileFile(fileName, source, compiler);
    SourceUnit unit = compiler.parse(fileName, source);
    if (!unit.rules().isEmpty() || !unit.events().isEmpty()) {
      throw new RuleChangeException(Reason.INVALID, "a decision set holds decision blocks only; found "
          + unit.rules().size() + " rule(s) and " + unit.events().size() + " event declaration(s) (deploy rules with"
          + " PUT /v1/rules/{id} and event types with PUT /v1/event-types/{name})");
    }
    if (byType.isEmpty()) {
      throw new RuleChangeException(Reason.INVALID, "the source has no decision block");
    }
    return byType;
  }

  /** The decisions of a file that may also hold rules and event declarations. */
  static Map<String, CompiledDecision> compileFile(String fileName, String source, RuleCompiler compiler)
      throws RuleException, RuleChangeException {
    Map<String, CompiledDecision> byType = new LinkedHashMap<>();
    for (CompiledDecision d : compiler.compileDecisions(fileName, source).decisions()) {
      CompiledDecision other = byType.putIfAbsent(d.eventType(), d);
      if (other != null) {
        throw new RuleChangeException(Reason.INVALID, "event type '" + d.eventType() + "' is decided by both '"
            + other.name() + "' and '" + d.name() + "'");
      }
    }
    return byType;
  }
}
