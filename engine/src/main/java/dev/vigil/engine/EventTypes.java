package dev.vigil.engine;

import dev.vigil.rules.schema.EventType;
import java.util.List;
import java.util.Optional;

/** The event types a node knows: the built-in ones and those declared by users. */
public interface EventTypes {

  Optional<EventType> get(String name);

  /** Built-in types first, then custom types by name. */
  List<EventType> all();

  /**
   * Declares a custom type.
   *
   * @return {@code true} when created, {@code false} when an identical declaration existed
   * @throws EventTypeConflictException when the name is built-in or declared differently
   */
  boolean declare(EventType type) throws EventTypeConflictException;
}
