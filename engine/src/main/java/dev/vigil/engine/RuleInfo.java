package dev.vigil.engine;

import java.time.Duration;
import java.util.Set;

/**
 * A deployed rule.
 *
 * @param id rule id
 * @param version rule version
 * @param severity alert severity
 * @param by the entity key field the rule groups by, or {@code null} for a global rule
 * @param source the rule file it came from
 * @param suppress after an alert, no alert for the same entity within this much event time, or
 *     {@code null} ({@code @Tag(name='suppress', value='1h')})
 * @param tags free labels ({@code @Tag(name='tags', value='card,velocity')}), for subscription filters
 */
public record RuleInfo(
    String id, int version, String severity, String by, String source, Duration suppress, Set<String> tags) {

  public RuleInfo {
    tags = tags == null ? Set.of() : Set.copyOf(tags);
  }

  /** A rule without suppression or tags. */
  public RuleInfo(String id, int version, String severity, String by, String source) {
    this(id, version, severity, by, source, null, Set.of());
  }
}
