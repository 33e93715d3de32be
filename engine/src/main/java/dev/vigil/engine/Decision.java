package dev.vigil.engine;

import java.util.List;

/**
 * The answer to one decision request, as stored in the decision log.
 *
 * @param eventId the event decided (the idempotency key)
 * @param eventType its type
 * @param decision the decision block that answered ({@code decision <name>})
 * @param version the decision-set version that answered
 * @param outcome {@code allow}, {@code review} or {@code block}
 * @param score the total points of the score lines that held
 * @param reasons the score lines that held, in source order
 * @param inputs every statistic and alert check the decision read, in order of first read
 * @param eventTime the event's timestamp (epoch ms)
 * @param decidedAt wall-clock time of the decision (epoch ms)
 */
public record Decision(
    String eventId,
    String eventType,
    String decision,
    int version,
    String outcome,
    int score,
    List<Reason> reasons,
    List<Input> inputs,
    long eventTime,
    long decidedAt) {

  public Decision {
    reasons = List.copyOf(reasons);
    inputs = List.copyOf(inputs);
  }

  /**
   * A score line that held.
   *
   * @param rule {@code <decision>.<n>}, n the 1-based number of the score line in its block
   * @param points its points
   * @param label its label
   */
  public record Reason(String rule, int points, String label) {}

  /**
   * One value a decision read, e.g. {@code stats.count(amount)} of {@code user_id=u1} = {@code 12}.
   *
   * @param name what was read, as written in the DSL
   * @param entity {@code key=value} of the entity it was read for
   * @param value the value, rendered as text; {@code null} when unknown
   */
  public record Input(String name, String entity, String value) {}
}
