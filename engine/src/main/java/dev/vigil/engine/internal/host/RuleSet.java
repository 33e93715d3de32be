package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleInfo;
import dev.vigil.rules.schema.EventType;
import java.util.List;
import java.util.Set;

/**
 * Compiled operator rules, ready to be instantiated per (shard, route key). Produced by a {@link
 * RuleBackend}; thread-safe.
 */
public interface RuleSet {

  /** The deployed rules, in file order. */
  List<RuleInfo> rules();

  /** Distinct {@code by} keys of the keyed rules: the fields events are routed by. */
  Set<String> routeKeys();

  /** Whether any rule has no {@code by} key and so must see every event. */
  boolean hasGlobalRules();

  /**
   * Makes a newly declared event type known: runtimes opened later deploy it, existing runtimes
   * deploy it on their next {@link RuleRuntime#syncTypes()}.
   */
  void addType(EventType type);

  /**
   * Opens a runtime holding the rules of one route key.
   *
   * @param routeKey the {@code by} field, or {@code null} for the global rules
   * @param startTime initial event time of the runtime's clock (epoch ms)
   * @param sink receives matches, on the calling (shard) thread
   */
  RuleRuntime open(String routeKey, long startTime, MatchSink sink);
}
