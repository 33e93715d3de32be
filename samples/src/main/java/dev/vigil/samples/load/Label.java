package dev.vigil.samples.load;

import java.util.List;

/**
 * Ground truth of one injected fraud scenario: which scenario, against which entity, over which
 * event-time span, with which events, and the bundled rules expected to alert on it.
 *
 * @param id sequence number of the scenario in the stream (0-based)
 * @param entityType key field of the victim entity, e.g. {@code user_id} or {@code device_id}
 * @param startMillis event time of the scenario's first event
 * @param endMillis event time of its last event
 * @param eventIds every event of the scenario, in event-time order
 * @param expectedRules rules expected to alert (the scenario's rules, plus
 *     {@code large_foreign_transaction} when an injected amount also qualifies for it)
 */
public record Label(long id, Scenario scenario, String entityType, String entityKey, long startMillis,
    long endMillis, List<String> eventIds, List<String> expectedRules) {

  public Label {
    eventIds = List.copyOf(eventIds);
    expectedRules = List.copyOf(expectedRules);
  }

  /** One NDJSON line. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(128 + eventIds.size() * 24);
    sb.append("{\"label\":").append(id)
        .append(",\"scenario\":\"").append(scenario.label()).append('"')
        .append(",\"entity\":{\"type\":\"").append(entityType).append("\",\"key\":\"").append(entityKey).append("\"}")
        .append(",\"start\":").append(startMillis)
        .append(",\"end\":").append(endMillis)
        .append(",\"expected_rules\":");
    appendStrings(sb, expectedRules);
    sb.append(",\"event_ids\":");
    appendStrings(sb, eventIds);
    return sb.append('}').toString();
  }

  private static void appendStrings(StringBuilder sb, List<String> values) {
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "\"" : ",\"").append(values.get(i)).append('"');
    }
    sb.append(']');
  }
}
