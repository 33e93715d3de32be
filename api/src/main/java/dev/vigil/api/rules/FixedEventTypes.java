package dev.vigil.api.rules;

import dev.vigil.engine.EventTypes;
import dev.vigil.rules.schema.EventType;
import java.util.List;
import java.util.Optional;

/** A read-only set of event types: what a rule dry run validates its events against. */
public record FixedEventTypes(List<EventType> all) implements EventTypes {

  public FixedEventTypes {
    all = List.copyOf(all);
  }

  @Override
  public Optional<EventType> get(String name) {
    return all.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  @Override
  public boolean declare(EventType type) {
    throw new UnsupportedOperationException("a dry run declares types in the rule source only");
  }
}
