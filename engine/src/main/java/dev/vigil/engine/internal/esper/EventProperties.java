package dev.vigil.engine.internal.esper;

import dev.vigil.engine.Event;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Esper sees of one event in one runtime: the event's declared fields plus {@code event_id},
 * {@code type}, {@code timestamp}, {@code attributes} and, when the runtime's rules read it, {@code
 * stats} — a read-only view over the {@link Event} instead of a copied map per runtime. The event
 * reaches up to one runtime per route key and stays in their windows, so the copies were a large
 * share of the heap and of the shard's time. Property reads ({@link #get}) go straight to the
 * event; only iteration (rare: {@code select *} output) builds the full map once.
 */
final class EventProperties extends AbstractMap<String, Object> {
  private final Event event;
  private final Map<String, Object> stats;
  private Map<String, Object> materialized;

  EventProperties(Event event, Map<String, Object> stats) {
    this.event = event;
    this.stats = stats;
  }

  @Override
  public Object get(Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    return switch (name) {
      case "event_id" -> event.id();
      case "type" -> event.type();
      case "timestamp" -> event.timestamp();
      case "attributes" -> event.attributes();
      case "stats" -> stats;
      default -> event.fields().get(name);
    };
  }

  @Override
  public boolean containsKey(Object key) {
    if (!(key instanceof String name)) {
      return false;
    }
    return switch (name) {
      case "event_id", "type", "timestamp", "attributes" -> true;
      case "stats" -> stats != null;
      default -> event.fields().containsKey(name);
    };
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (materialized == null) {
      Map<String, Object> m = new LinkedHashMap<>(event.fields());
      m.put("event_id", event.id());
      m.put("type", event.type());
      m.put("timestamp", event.timestamp());
      m.put("attributes", event.attributes());
      if (stats != null) {
        m.put("stats", stats);
      }
      materialized = java.util.Collections.unmodifiableMap(m);
    }
    return materialized.entrySet();
  }
}
