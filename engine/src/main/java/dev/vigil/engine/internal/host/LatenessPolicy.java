package dev.vigil.engine.internal.host;

import dev.vigil.rules.schema.EventType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allowed lateness of each event type (its declared {@code lateness}, else the engine
 * default) and the largest of them, which is how long the reorder buffers hold events. Updated
 * when a type is declared; read by the dispatcher, so the state is one immutable snapshot.
 */
public final class LatenessPolicy {

  private record Snapshot(Map<String, Long> byType, long max) {}

  private final long defaultMillis;
  private volatile Snapshot snapshot;

  public LatenessPolicy(Duration defaultLateness, List<EventType> types) {
    this.defaultMillis = defaultLateness.toMillis();
    update(types);
  }

  /** Recomputes from the full list of known types. */
  public void update(List<EventType> types) {
    Map<String, Long> byType = new HashMap<>();
    long max = defaultMillis;
    for (EventType t : types) {
      long l = t.lateness() == null ? defaultMillis : t.lateness().toMillis();
      byType.put(t.name(), l);
      max = Math.max(max, l);
    }
    snapshot = new Snapshot(Map.copyOf(byType), max);
  }

  /** Allowed lateness of {@code type} in ms (the default for an unknown type). */
  public long of(String type) {
    return snapshot.byType().getOrDefault(type, defaultMillis);
  }

  /** The largest allowed lateness in ms: how long events wait in the reorder buffers. */
  public long max() {
    return snapshot.max();
  }
}
