package dev.vigil.engine;

import java.util.List;

/**
 * The answer to one decision request, as stored in the decision log.
 *
 * @param eventId the event decided (the idempotency key)
 * @param eventType its type
 * @param set the decision set that answered (its id)
 * @param decision the decision block that answered ({@code decision <name>})
 * @param version the version of that decision set
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
    String set,
    String decision,
    int version,
    String outcome,
    int score,
    List<Reason> reasons,
    List<Input> inputs,
    long eventTime,
    long decidedAt) {

  /** Prefix of the webhook ids of decisions (alert ids never start with it). */
  public static final String WEBHOOK_PREFIX = "dec.";

  public Decision {
    reasons = List.copyOf(reasons);
    inputs = List.copyOf(inputs);
  }

  /**
   * The {@code webhook-id} (and delivery id) of this decision's {@code decision.review} /
   * {@code decision.block} webhooks: {@code dec.<set>.<version>.<event id, base64url>}. One event
   * has one stored decision, so the id is the same on every retry, restart and replay.
   */
  public String webhookId() {
    return WEBHOOK_PREFIX + set + "." + version + "."
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
            eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The event id a {@link #webhookId()} names; empty for other ids (alert ids). */
  public static java.util.Optional<String> eventIdOfWebhook(String webhookId) {
    if (webhookId == null || !webhookId.startsWith(WEBHOOK_PREFIX)) {
      return java.util.Optional.empty();
    }
    try {
      byte[] id = java.util.Base64.getUrlDecoder().decode(webhookId.substring(webhookId.lastIndexOf('.') + 1));
      return java.util.Optional.of(new String(id, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
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
