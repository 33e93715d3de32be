package dev.vigil.engine;

import java.util.Set;

/**
 * Which alerts a subscription receives. Each set is a filter when non-empty (any member matches)
 * and no filter when empty; all non-empty sets must match.
 *
 * @param rules rule ids
 * @param severities {@code low}, {@code medium}, {@code high}, {@code critical}
 * @param tags rule tags ({@code @Tag(name='tags', value='a,b')}); one shared tag matches
 * @param entityTypes entity types (the rule's {@code by} field, or {@code global})
 */
public record SubscriptionFilter(Set<String> rules, Set<String> severities, Set<String> tags, Set<String> entityTypes) {

  public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), Set.of());

  public SubscriptionFilter {
    rules = rules == null ? Set.of() : Set.copyOf(rules);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    entityTypes = entityTypes == null ? Set.of() : Set.copyOf(entityTypes);
  }

  /** Whether {@code alert}, produced by a rule carrying {@code ruleTags}, passes the filter. */
  public boolean matches(Alert alert, Set<String> ruleTags) {
    return (rules.isEmpty() || rules.contains(alert.ruleId()))
        && (severities.isEmpty() || severities.contains(alert.severity()))
        && (entityTypes.isEmpty() || (alert.entity() != null && entityTypes.contains(alert.entity().type())))
        && (tags.isEmpty() || ruleTags.stream().anyMatch(tags::contains));
  }
}
