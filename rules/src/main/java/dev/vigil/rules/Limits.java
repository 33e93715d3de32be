package dev.vigil.rules;

import java.time.Duration;

/**
 * Resource caps the compiler enforces, so no rule can ask the engine for unbounded state.
 *
 * @param maxRules rules per file
 * @param maxWindow longest {@code sliding}/{@code tumbling} window and {@code session gap}
 * @param maxWithin longest {@code within} of a sequence (bounds how long partial matches live)
 * @param maxSteps most steps in a sequence (bounds Esper's pattern sub-expressions)
 * @param maxRegexLength longest {@code matches} pattern
 * @param maxListItems most items in an {@code in (...)} list
 * @param maxStatsHorizon longest look-back of {@code alerted(rule, duration)} in decisions (statistics
 *     horizons are the windows the store keeps, see {@code KeptStatistics})
 */
public record Limits(
    int maxRules,
    Duration maxWindow,
    Duration maxWithin,
    int maxSteps,
    int maxRegexLength,
    int maxListItems,
    Duration maxStatsHorizon) {

  /**
   * 1000 rules per file; windows up to 7 days and {@code within} up to 1 day (a sliding window
   * holds every event of its span, a pattern holds one partial match per starting event); 8
   * sequence steps; regexes up to 200 characters; 1000 list items; statistics over at most 90
   * days.
   */
  public static Limits defaults() {
    return new Limits(1000, Duration.ofDays(7), Duration.ofDays(1), 8, 200, 1000, Duration.ofDays(90));
  }
}
