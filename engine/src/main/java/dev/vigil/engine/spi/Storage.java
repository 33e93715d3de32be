package dev.vigil.engine.spi;

import dev.vigil.engine.ApiKeyStore;
import dev.vigil.engine.Deliveries;
import dev.vigil.engine.Subscriptions;

/** The node's one embedded durable store and its tables. */
public interface Storage extends AutoCloseable {
  Journal journal();

  AlertStore alerts();

  ApiKeyStore apiKeys();

  EventTypeStore eventTypes();

  DecisionStore decisions();

  LateEventStore lateEvents();

  Subscriptions subscriptions();

  Deliveries deliveries();

  /** Rules deployed through the API. */
  RuleStore rules();

  /** Decision sets deployed through the API (same record shape as rules; never enabled = false). */
  RuleStore decisionSets();
  /** The durable copy of the per-entity statistics (see docs/design/durability.md). */
  EntitySnapshots entitySnapshots();

  /** Bytes the store uses on disk (estimate). */
  long diskBytes();

  @Override
  void close();
}
