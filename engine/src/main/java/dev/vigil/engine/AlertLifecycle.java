package dev.vigil.engine;

/**
 * An alert's lifecycle state: who acknowledged and resolved it, and when. An alert nobody touched
 * is {@link #open(String)}.
 *
 * @param alertId the alert
 * @param status current status
 * @param acknowledgedBy API key id that acknowledged it, or {@code null}
 * @param acknowledgedAt epoch ms, or {@code null}
 * @param resolvedBy API key id that resolved it, or {@code null}
 * @param resolvedAt epoch ms, or {@code null}
 */
public record AlertLifecycle(
    String alertId,
    AlertStatus status,
    String acknowledgedBy,
    Long acknowledgedAt,
    String resolvedBy,
    Long resolvedAt) {

  public static AlertLifecycle open(String alertId) {
    return new AlertLifecycle(alertId, AlertStatus.OPEN, null, null, null, null);
  }

  /**
   * The state after moving to {@code next}.
   *
   * @throws IllegalStateException when the move goes backwards or stays put
   */
  public AlertLifecycle moveTo(AlertStatus next, String by, long at) {
    if (!status.canMoveTo(next)) {
      throw new IllegalStateException(
          "alert is " + status.wireName() + " and cannot become " + next.wireName());
    }
    return next == AlertStatus.ACKNOWLEDGED
        ? new AlertLifecycle(alertId, next, by, at, null, null)
        : new AlertLifecycle(alertId, next, acknowledgedBy, acknowledgedAt, by, at);
  }
}
