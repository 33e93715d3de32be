package dev.vigil.engine.internal.host;

/** Receives matches from a {@link RuleRuntime}, on the runtime's shard thread. */
@FunctionalInterface
public interface MatchSink {
  void onMatch(Match match);
}
