package dev.vigil.rules;

import java.time.Duration;
import java.util.List;

/**
 * One compiled rule, ready for the engine to deploy.
 *
 * @param id the rule id ({@code rule <id>}), also the EPL {@code @Name}
 * @param version from {@code version n}, else the version the caller asked for (default 1)
 * @param severity low, medium, high or critical (default medium)
 * @param by the key field, or null for a global rule
 * @param title the title, or null
 * @param suppress at most one alert per rule and key per this period, or null
 * @param tags the tags, in order
 * @param kind {@code filter}, {@code sliding}, {@code tumbling}, {@code session}, {@code all},
 *     {@code sequence} or {@code absence}
 * @param firing whether rows count when an event arrives or when the clock advances
 * @param eventTypes the event types the rule reads, in order of first use
 * @param epl the EPL statement (annotations, select, from) per docs/rules-epl.md
 * @param source the rule's own text from the file
 */
public record CompiledRule(
    String id,
    int version,
    String severity,
    String by,
    String title,
    Duration suppress,
    List<String> tags,
    String kind,
    Firing firing,
    List<String> eventTypes,
    String epl,
    String source) {

  public CompiledRule {
    tags = List.copyOf(tags);
    eventTypes = List.copyOf(eventTypes);
  }
}
