package dev.vigil.engine.internal.host;

/** Receives matches from a {@link RuleRuntime}, on the runtime's shard thread. */
@FunctionalInterface
public interface MatchSink {
  void onMatch(Match match);

  /** A match dropped by the rule's {@code suppress} period (no alert); counted only. */
  default void onSuppressed(Match match) {}
}
