package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.rules.schema.EventType;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compiled rules, ready to be instantiated per (shard, route key). Produced by a {@link
 * RuleBackend}; thread-safe. The deployed rules can change at runtime ({@link #replace}): readers
 * always see one immutable snapshot, and open runtimes catch up in {@link RuleRuntime#syncRules()}.
 */
public interface RuleSet {

  /** Rules compiled but not deployed yet; see {@link #prepare} and {@link #replace}. */
  interface Prepared {
    /** Nothing to add: for removals. */
    Prepared NONE = List::of;

    List<RuleInfo> rules();
  }

  /** The deployed rules, in deployment order. */
  List<RuleInfo> rules();

  /** Distinct {@code by} keys of the keyed rules: the fields events are routed by (an immutable snapshot). */
  Set<String> routeKeys();

  /** Whether any rule has no {@code by} key and so must see every event. */
  boolean hasGlobalRules();

  /**
   * Makes a newly declared event type known: runtimes opened later deploy it, existing runtimes
   * deploy it on their next {@link RuleRuntime#syncTypes()}.
   */
  void addType(EventType type);

  /**
   * Compiles the rules of one file against the known types without deploying them.
   *
   * @throws RuleLoadException naming {@code file:line} and the reason
   */
  default Prepared prepare(RuleFile file) throws RuleLoadException {
    throw new UnsupportedOperationException("this rule set cannot change at runtime");
  }

  /**
   * Atomically removes the rules with the given ids and adds {@code added} (a rule with an id
   * already deployed replaces it). Runtimes opened later get the new rules; open runtimes get them
   * on their next {@link RuleRuntime#syncRules()}.
   */
  default void replace(Collection<String> removedIds, Prepared added) {
    throw new UnsupportedOperationException("this rule set cannot change at runtime");
  }

  /**
   * Opens a runtime holding the rules of one route key.
   *
   * @param routeKey the {@code by} field, or {@code null} for the global rules
   * @param startTime initial event time of the runtime's clock (epoch ms)
   * @param sink receives matches, on the calling (shard) thread
   */
  RuleRuntime open(String routeKey, long startTime, MatchSink sink);
}
