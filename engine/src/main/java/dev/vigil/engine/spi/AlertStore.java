package dev.vigil.engine.spi;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertSink;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Delivery;
import java.util.List;

/**
 * Durable alert store. {@link #accept} stores an alert once per {@code alertId}: a repeat is
 * ignored and answers {@code false}.
 */
public interface AlertStore extends Alerts, AlertSink {

  /**
   * Stores a new alert together with its webhook deliveries (the outbox rows) in one atomic
   * write; a repeated alert id writes nothing.
   *
   * @return {@code true} when the alert was new
   */
  boolean accept(Alert alert, List<Delivery> deliveries);

  @Override
  default boolean accept(Alert alert) {
    return accept(alert, List.of());
  }
}
