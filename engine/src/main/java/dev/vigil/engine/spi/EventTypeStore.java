package dev.vigil.engine.spi;

import dev.vigil.rules.schema.EventType;
import java.util.List;

/** Durable storage of custom event type declarations. */
public interface EventTypeStore {
  /** All stored custom types, by name. */
  List<EventType> loadAll();

  void save(EventType type);
}
