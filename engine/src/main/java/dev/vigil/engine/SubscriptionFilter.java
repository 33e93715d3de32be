package dev.vigil.engine;

import java.util.Set;

/**
 * Which webhook events a subscription receives. {@code events} names the event types
 * ({@code alert.created}, {@code decision.review}, {@code decision.block}); empty means
 * {@code alert.created} only, so subscriptions made before decisions had webhooks keep receiving
 * exactly what they did. The other sets filter alerts only: each is a filter when non-empty (any
 * member matches) and no filter when empty; all non-empty sets must match.
 *
 * @param rules rule ids
 * @param severities {@code low}, {@code medium}, {@code high}, {@code critical}
 * @param tags rule tags ({@code @Tag(name='tags', value='a,b')}); one shared tag matches
 * @param entityTypes entity types (the rule's {@code by} field, or {@code global})
 * @param events webhook event types; empty = {@code alert.created} only
 */
public record SubscriptionFilter(
    Set<String> rules, Set<String> severities, Set<String> tags, Set<String> entityTypes, Set<String> events) {

  public static final String ALERT_CREATED = "alert.created";
  public static final String DECISION_REVIEW = "decision.review";
  public static final String DECISION_BLOCK = "decision.block";
  /** Every webhook event type, in documentation order. */
  public static final java.util.List<String> EVENT_TYPES = java.util.List.of(ALERT_CREATED, DECISION_REVIEW, DECISION_BLOCK);

  public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), Set.of());

  public SubscriptionFilter {
    rules = rules == null ? Set.of() : Set.copyOf(rules);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    tags = tags == null ? Set.of() : Set.copyOf(tags);
    entityTypes = entityTypes == null ? Set.of() : Set.copyOf(entityTypes);
    events = events == null ? Set.of() : Set.copyOf(events);
  }

  /** An alert filter receiving {@code alert.created} only. */
  public SubscriptionFilter(Set<String> rules, Set<String> severities, Set<String> tags, Set<String> entityTypes) {
    this(rules, severities, tags, entityTypes, Set.of());
  }

  /** The same filter receiving {@code events} (empty = {@code alert.created} only). */
  public SubscriptionFilter withEvents(Set<String> events) {
    return new SubscriptionFilter(rules, severities, tags, entityTypes, events);
  }

  /** Whether it receives webhook event type {@code type}. */
  public boolean receives(String type) {
    return events.isEmpty() ? ALERT_CREATED.equals(type) : events.contains(type);
  }

  /** Whether {@code alert}, produced by a rule carrying {@code ruleTags}, passes the filter. */
  public boolean matches(Alert alert, Set<String> ruleTags) {
    return receives(ALERT_CREATED)
        && (rules.isEmpty() || rules.contains(alert.ruleId()))
        && (severities.isEmpty() || severities.contains(alert.severity()))
        && (entityTypes.isEmpty() || (alert.entity() != null && entityTypes.contains(alert.entity().type())))
        && (tags.isEmpty() || ruleTags.stream().anyMatch(tags::contains));
  }

  /** Whether a stored decision with {@code outcome} ({@code allow}, {@code review}, {@code block}) is sent. */
  public boolean matchesDecision(String outcome) {
    return receives("decision." + outcome);
  }
}
