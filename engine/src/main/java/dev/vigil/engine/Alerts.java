package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/** Read access to the durable alert store, plus the alerts' lifecycle. */
public interface Alerts {

  Optional<Alert> get(String alertId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  AlertPage query(AlertQuery query);

  /**
   * Alerts stored after {@code cursor} (exclusive; {@code null} = from the first), oldest first,
   * at most {@code limit}. Nothing stored later can sort before an alert already returned, so
   * reading on from the last cursor misses nothing and repeats nothing.
   *
   * @throws IllegalArgumentException when the cursor is malformed
   */
  default List<StoredAlert> after(String cursor, int limit) {
    throw new UnsupportedOperationException("this alert store cannot be followed");
  }

  /** The cursor of the newest stored alert, or {@code null} when there is none. */
  default String lastCursor() {
    throw new UnsupportedOperationException("this alert store cannot be followed");
  }

  /**
   * Adds a listener run after every new alert is stored (repeats do not count). It runs on the
   * engine's shard threads, so it must only signal (never block, never read the store inline).
   */
  default void onStored(Runnable listener) {
    throw new UnsupportedOperationException("this alert store cannot be followed");
  }

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
