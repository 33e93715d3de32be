package dev.vigil.engine;

/**
 * One alert's delivery to one subscription (the outbox row). Its id is the alert id, which is also
 * the {@code webhook-id} of every attempt.
 *
 * @param subscriptionId the subscription
 * @param alertId the alert
 * @param state where it is
 * @param attempts attempts made so far
 * @param createdAt epoch ms
 * @param nextAttemptAt epoch ms of the next attempt, or {@code null} when none is planned
 * @param lastAttemptAt epoch ms, or {@code null}
 * @param lastStatus HTTP status of the last attempt, or {@code null} (no answer)
 * @param lastError what went wrong last, or {@code null}
 * @param lastLatencyMillis duration of the last attempt, or {@code null}
 */
public record Delivery(
    String subscriptionId,
    String alertId,
    DeliveryState state,
    int attempts,
    long createdAt,
    Long nextAttemptAt,
    Long lastAttemptAt,
    Integer lastStatus,
    String lastError,
    Long lastLatencyMillis) {

  /** A new delivery, due at once. */
  public static Delivery pending(String subscriptionId, String alertId, long now) {
    return new Delivery(subscriptionId, alertId, DeliveryState.PENDING, 0, now, now, null, null, null, null);
  }

  public Delivery with(DeliveryState next, Long nextAttempt) {
    return new Delivery(subscriptionId, alertId, next, attempts, createdAt, nextAttempt, lastAttemptAt,
        lastStatus, lastError, lastLatencyMillis);
  }

  /** Records an attempt's outcome. */
  public Delivery attempted(DeliveryState next, Long nextAttempt, long at, Integer status, String error, long latency) {
    return new Delivery(subscriptionId, alertId, next, attempts + 1, createdAt, nextAttempt, at, status, error, latency);
  }

  /** Back to pending with a fresh attempt budget (user retry or replay). */
  public Delivery restarted(long now) {
    return new Delivery(subscriptionId, alertId, DeliveryState.PENDING, 0, createdAt, now, lastAttemptAt,
        lastStatus, lastError, lastLatencyMillis);
  }
}
