package dev.vigil.engine.internal.drools;

import dev.vigil.rules.CompiledDecision;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * One built decision-set version: its KieBase (immutable, shared by all requests) and a stateless
 * session over a pool of the KieBase's sessions, plus the line metadata (labels, points, outcomes)
 * that never enters the DRL.
 *
 * <p>A stateless session taken straight from the KieBase builds a new working memory (agenda,
 * node memories, entry points) for every {@code execute} and throws it away; that was about a
 * quarter of a decision's CPU on the worker. The pooled one takes a session from the pool, runs,
 * and resets it before returning it ({@code dispose} on a pooled session is a reset: no fact
 * survives into the next request), so concurrent requests still each run in their own session. The
 * pool grows with the number of concurrent requests and goes away with the set's version (nothing
 * else refers to it).
 *
 * @param id the decision set
 * @param version its version
 * @param session runs one request: a pooled stateless session, safe for concurrent callers
 * @param byType the decisions by the event type they decide
 */
record DeployedSet(String id, int version, StatelessKieSession session, Map<String, CompiledDecision> byType) {
  /** Sessions the pool starts with: about the requests a node runs at once on a small machine. */
  private static final int POOLED_SESSIONS = 8;

  DeployedSet {
    byType = Map.copyOf(byType);
  }

  /** Builds the KieBase (executable model: seconds; never on the request path). */
  static DeployedSet build(String id, int version, Map<String, CompiledDecision> byType) {
    KieBase kieBase = KieBases.build(byType.values().stream().map(CompiledDecision::drl).toList());
    return new DeployedSet(id, version, kieBase.newKieSessionsPool(POOLED_SESSIONS).newStatelessKieSession(), byType);
  }
}
