package dev.vigil.engine;

import java.util.Map;

/**
 * A deployed version of the decision set.
 *
 * @param version 1, 2, ... in deployment order (a rollback redeploys an old version under its number)
 * @param decisions decision name by the event type it decides
 * @param sources the rule files it was compiled from
 * @param deployedAt wall-clock time it was built (epoch ms)
 */
public record DecisionSetInfo(int version, Map<String, String> decisions, java.util.List<String> sources, long deployedAt) {
  public DecisionSetInfo {
    decisions = Map.copyOf(decisions);
    sources = java.util.List.copyOf(sources);
  }
}
