package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleInfo;
import java.util.List;

/**
 * One rule match as a rule runtime reports it, before it becomes an {@link dev.vigil.engine.Alert}.
 *
 * @param rule the matching rule
 * @param entityKey the value of the rule's {@code by} field, {@code null} for global rules
 * @param message the rule's message column, or {@code null}
 * @param eventIds ids of the events that made the match (may be empty)
 * @param windowStart event-time window start, or {@code null}
 * @param windowEnd event-time window end, or {@code null}
 * @param matchTime the runtime's event time at the match
 */
public record Match(
    RuleInfo rule,
    String entityKey,
    String message,
    List<String> eventIds,
    Long windowStart,
    Long windowEnd,
    long matchTime) {

  public Match {
    eventIds = List.copyOf(eventIds);
  }
}
