package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import dev.vigil.engine.spi.StatsView;

/**
 * One isolated rule-engine instance owned by exactly one shard thread: the rules of one route
 * key (or the global rules) for the key values hashed to that shard. Never called concurrently,
 * so implementations need no locking. This is the port that keeps the CEP library swappable.
 */
public interface RuleRuntime {

  /** Evaluates one event against the deployed rules; matches go to the runtime's sink. */
  void send(Event event);

  /**
   * Evaluates one event with the statistics of the runtime's route-key entity as they were
   * before it ({@code null}: none, e.g. global rules or statistics disabled).
   */
  default void send(Event event, StatsView before) {
    send(event);
  }

  /**
   * Whether a deployed rule reads the {@code stats} of the events it gets; when none does, the
   * shard folds the events into the statistics without fetching the state before them.
   */
  default boolean readsStats() {
    return true;
  }

  /** Moves the runtime's event-time clock forward, firing due timers. */
  void advanceTime(long epochMillis);

  /** The runtime's current event time (epoch ms). */
  long currentTime();

  /** Deploys event types added to the {@link RuleSet} since this runtime was opened. */
  void syncTypes();

  /**
   * Brings the runtime's rules in line with the {@link RuleSet}'s current snapshot: undeploys
   * rules that were removed or replaced, deploys new ones. Other rules keep their state.
   */
  default void syncRules() {}

  /** Releases the runtime; it is unusable afterwards. */
  void destroy();
}
