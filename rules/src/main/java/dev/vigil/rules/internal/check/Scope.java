package dev.vigil.rules.internal.check;

import dev.vigil.rules.schema.EventType;
import java.util.Map;
import java.util.Set;

/**
 * What an expression may refer to where it stands.
 *
 * @param current the event type whose fields are in scope unqualified (null in sequence templates)
 * @param labels the named events visible here (sequences only)
 * @param laterLabels labels of later steps, to explain forward references
 * @param kind where the expression is
 * @param key the rule's {@code by} key, or null
 * @param sequence whether the rule is a sequence
 */
record Scope(EventType current, Map<String, EventType> labels, Set<String> laterLabels, Kind kind, String key, boolean sequence) {

  enum Kind {
    /** A {@code where} of a filter rule: stats functions allowed. */
    FILTER_WHERE,
    /** A {@code where} on the events entering a window, or of a sequence step. */
    WHERE,
    /** {@code having}: aggregates, and the key. */
    HAVING,
    /** The argument of an aggregate: per-event fields, no aggregates. */
    AGGREGATE_ARG,
    /** Template of a filter rule: fields of the event. */
    FILTER_TEMPLATE,
    /** Template of a window rule: key and aggregates. */
    WINDOW_TEMPLATE,
    /** Template of a sequence: key, label.field, elapsed. */
    SEQUENCE_TEMPLATE,
    /** A {@code score} line of a decision: fields, stats, alerted. */
    DECISION,
    /** A verdict line of a decision: as {@link #DECISION}, plus {@code score}. */
    DECISION_VERDICT
  }

  Scope withKind(Kind k) {
    return new Scope(current, labels, laterLabels, k, key, sequence);
  }


  boolean decision() {
    return kind == Kind.DECISION || kind == Kind.DECISION_VERDICT;
  }

  boolean aggregates() {
    return kind == Kind.HAVING || kind == Kind.WINDOW_TEMPLATE;
  }
}
