package dev.vigil.engine.internal.host;

import dev.vigil.engine.EventTypeConflictException;
import dev.vigil.engine.EventTypes;
import dev.vigil.engine.spi.EventTypeStore;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The node's event types: the built-in ones plus the custom declarations kept in the {@link
 * EventTypeStore}. A declaration is first prepared by the listener (the rule backend compiles its
 * schema, which may refuse it), then persisted, then announced (deployed into the rule runtimes),
 * so a type the API reports as declared is usable and survives a restart.
 */
public final class TypeRegistry implements EventTypes {

  /** Hears about declarations; both methods are called under the registry's lock. */
  public interface Listener {
    /** Before storing; throw {@link IllegalArgumentException} to refuse the type. */
    void prepare(EventType type);

    /** After storing. */
    void declared(EventType type);
  }

  private final EventTypeStore store;
  private final Map<String, EventType> builtIns = new TreeMap<>();
  private volatile Map<String, EventType> custom;
  private volatile Listener listener;

  public TypeRegistry(EventTypeStore store) {
    this.store = store;
    for (EventType t : BuiltInTypes.all()) {
      builtIns.put(t.name(), t);
    }
    Map<String, EventType> loaded = new TreeMap<>();
    for (EventType t : store.loadAll()) {
      if (!builtIns.containsKey(t.name())) {
        loaded.put(t.name(), t);
      }
    }
    this.custom = loaded;
  }

  /** Sets who is told about new declarations. */
  public void listener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public Optional<EventType> get(String name) {
    EventType t = builtIns.get(name);
    return t != null ? Optional.of(t) : Optional.ofNullable(custom.get(name));
  }

  @Override
  public List<EventType> all() {
    List<EventType> all = new ArrayList<>(BuiltInTypes.all());
    all.addAll(custom.values());
    return List.copyOf(all);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the declaration itself is invalid (see {@link
   *     EventType#declarationProblems()}) or the rule backend cannot declare it
   */
  @Override
  public synchronized boolean declare(EventType type) throws EventTypeConflictException {
    EventType normalized = EventType.custom(type.name(), type.fields(), type.lateness());
    List<Map.Entry<String, String>> problems = normalized.declarationProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid event type declaration: "
              + problems.stream().map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining("; ")));
    }
    if (builtIns.containsKey(normalized.name())) {
      throw new EventTypeConflictException("'" + normalized.name() + "' is a built-in event type");
    }
    EventType existing = custom.get(normalized.name());
    if (existing != null) {
      if (existing.equals(normalized)) {
        return false;
      }
      throw new EventTypeConflictException(
          "event type '" + normalized.name() + "' is already declared with different fields");
    }
    Listener l = listener;
    if (l != null) {
      l.prepare(normalized);
    }
    store.save(normalized);
    Map<String, EventType> next = new TreeMap<>(custom);
    next.put(normalized.name(), normalized);
    custom = next;
    if (l != null) {
      l.declared(normalized);
    }
    return true;
  }
}
