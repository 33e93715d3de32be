package dev.vigil.engine.spi;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertSink;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.EntityRef;
import java.util.List;
import java.util.OptionalLong;

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

  /**
   * The match time of the last alert stored for this rule and entity (written with the alert), so
   * suppression intervals outlive a restart; empty when there was none.
   */
  default OptionalLong lastMatchTime(String ruleId, EntityRef entity) {
    return OptionalLong.empty();
  }

  @Override
  default boolean accept(Alert alert) {
    return accept(alert, List.of());
  }
}
