package dev.vigil.engine;

import java.util.List;

/**
 * One rule match.
 *
 * @param alertId deterministic id: a hash of rule id, rule version, entity and match identity
 * @param ruleId the rule's id ({@code @Name} of the EPL statement)
 * @param ruleVersion the rule's version
 * @param severity {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param entity who the alert is about
 * @param windowStart event-time start of the matched window (epoch ms), or {@code null}
 * @param windowEnd event-time end of the matched window (epoch ms), or {@code null}
 * @param matchTime event time at which the rule matched (epoch ms)
 * @param eventIds the ids of the events that made the match
 * @param message human-readable text
 * @param createdAt wall-clock time the alert was stored (epoch ms)
 */
public record Alert(
    String alertId,
    String ruleId,
    int ruleVersion,
    String severity,
    EntityRef entity,
    Long windowStart,
    Long windowEnd,
    long matchTime,
    List<String> eventIds,
    String message,
    long createdAt) {

  public Alert {
    eventIds = List.copyOf(eventIds);
  }
}
