package dev.vigil.engine.internal.drools;

import dev.vigil.rules.CompiledDecision;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * One built decision-set version: its KieBase (immutable, shared by all requests; Drools KieBases
 * are thread-safe for creating sessions) and the line metadata (labels, points, outcomes) that
 * never enters the DRL.
 *
 * @param id the decision set
 * @param version its version
 * @param byType the decisions by the event type they decide
 */
record DeployedSet(String id, int version, KieBase kieBase, Map<String, CompiledDecision> byType) {
  DeployedSet {
    byType = Map.copyOf(byType);
  }

  /** Builds the KieBase (executable model: seconds; never on the request path). */
  static DeployedSet build(String id, int version, Map<String, CompiledDecision> byType) {
    KieBase kieBase = KieBases.build(byType.values().stream().map(CompiledDecision::drl).toList());
    return new DeployedSet(id, version, kieBase, byType);
  }
}
