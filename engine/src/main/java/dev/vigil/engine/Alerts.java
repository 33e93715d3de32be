package dev.vigil.engine;

import java.util.Optional;

/** Read access to the durable alert store. */
public interface Alerts {

  Optional<Alert> get(String alertId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  AlertPage query(AlertQuery query);

  /** Number of alerts stored. */
  long count();
}
