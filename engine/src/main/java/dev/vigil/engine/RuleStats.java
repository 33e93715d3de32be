package dev.vigil.engine;

/**
 * What a rule did since the node started.
 *
 * @param matches output rows that counted as matches (alerts plus suppressed)
 * @param alerts new alerts stored (a repeat of a stored alert id is not counted)
 * @param suppressed matches dropped by the rule's {@code suppress} period
 * @param lastMatchAt wall clock of the last match (epoch ms), or {@code null}
 * @param lastMatchEventTime the rule's event time at the last match, or {@code null}
 */
public record RuleStats(long matches, long alerts, long suppressed, Long lastMatchAt, Long lastMatchEventTime) {
  public static final RuleStats NONE = new RuleStats(0, 0, 0, null, null);
}
