package dev.vigil.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Durable webhook subscriptions. Reads are served from memory; writes go to the store first. */
public interface Subscriptions {

  List<Subscription> list();

  Optional<Subscription> get(String id);

  /** Creates or replaces. */
  void save(Subscription subscription);

  /**
   * Replaces the subscription with {@code change} applied to its current value, atomically with
   * respect to every other {@code update}, {@code save} and {@code delete}: concurrent writers (the
   * API's PATCH, the dispatcher's failure tracking) never lose each other's changes.
   *
   * @return the new value, or empty when no subscription has this id (nothing is written)
   */
  Optional<Subscription> update(String id, UnaryOperator<Subscription> change);

  /** Deletes the subscription and its deliveries; {@code false} when it did not exist. */
  boolean delete(String id);
}
