package dev.vigil.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable delivery outbox. Deliveries of new alerts are created by the alert store in the
 * alert's own write; {@link #listener} hears about them.
 */
public interface Deliveries {

  Optional<Delivery> get(String subscriptionId, String alertId);

  /** Writes a delivery's new state (also creating it). */
  void put(Delivery delivery);

  /**
   * Deliveries of a subscription in alert-id order, after {@code afterAlertId} (exclusive,
   * {@code null} = from the start), optionally only in {@code state}.
   */
  List<Delivery> list(String subscriptionId, DeliveryState state, String afterAlertId, int limit);

  /** Every delivery not yet delivered or failed. */
  List<Delivery> open();

  /**
   * Sets who hears about deliveries created with new alerts; called on the engine's shard threads
   * right after the write, so it must not block.
   */
  void listener(Consumer<List<Delivery>> listener);
}
