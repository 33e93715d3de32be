package dev.vigil.engine.internal.drools;

import dev.vigil.engine.DecisionSetInfo;
import dev.vigil.rules.CompiledDecision;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * One immutable deployed version: its KieBase (shared by all requests; Drools KieBases are
 * thread-safe for creating sessions) and the line metadata (labels, points, outcomes) that never
 * enters the DRL.
 */
record DeployedSet(DecisionSetInfo info, KieBase kieBase, Map<String, CompiledDecision> byType) {
  DeployedSet {
    byType = Map.copyOf(byType);
  }
}
