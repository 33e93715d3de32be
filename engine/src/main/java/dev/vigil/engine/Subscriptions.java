package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/** Durable webhook subscriptions. Reads are served from memory; writes go to the store first. */
public interface Subscriptions {

  List<Subscription> list();

  Optional<Subscription> get(String id);

  /** Creates or replaces. */
  void save(Subscription subscription);

  /** Deletes the subscription and its deliveries; {@code false} when it did not exist. */
  boolean delete(String id);
}
