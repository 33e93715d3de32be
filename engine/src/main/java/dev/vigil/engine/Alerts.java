package dev.vigil.engine;

import java.util.Optional;

/** Read access to the durable alert store, plus the alerts' lifecycle. */
public interface Alerts {

  Optional<Alert> get(String alertId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  AlertPage query(AlertQuery query);

  /** Number of alerts stored. */
  long count();

  /** The alert's lifecycle; {@link AlertLifecycle#open} when it was never acknowledged or resolved. */
  default AlertLifecycle lifecycle(String alertId) {
    return AlertLifecycle.open(alertId);
  }

  /**
   * Moves a stored alert to {@code next}, recording who and when.
   *
   * @return the new lifecycle, or empty when no alert has this id
   * @throws IllegalStateException when the alert's status does not allow the move
   */
  default Optional<AlertLifecycle> transition(String alertId, AlertStatus next, String by, long at) {
    throw new UnsupportedOperationException("this alert store has no lifecycle");
  }
}
