package dev.vigil.api.testing;

import dev.vigil.engine.EventTypeConflictException;
import dev.vigil.engine.EventTypes;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test-only event type registry with the built-in types, following the {@link EventTypes} contract. */
public final class InMemoryEventTypes implements EventTypes {
  private final Map<String, EventType> custom = new TreeMap<>();

  @Override
  public synchronized Optional<EventType> get(String name) {
    for (EventType t : BuiltInTypes.all()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.ofNullable(custom.get(name));
  }

  @Override
  public synchronized List<EventType> all() {
    List<EventType> all = new ArrayList<>(BuiltInTypes.all());
    all.addAll(custom.values());
    return all;
  }

  @Override
  public synchronized boolean declare(EventType type) throws EventTypeConflictException {
    Optional<EventType> existing = get(type.name());
    if (existing.isPresent()) {
      if (existing.get().builtIn()) {
        throw new EventTypeConflictException("\"" + type.name() + "\" is a built-in type");
      }
      if (!existing.get().equals(type)) {
        throw new EventTypeConflictException("\"" + type.name() + "\" is already declared differently");
      }
      return false;
    }
    custom.put(type.name(), type);
    return true;
  }
}
