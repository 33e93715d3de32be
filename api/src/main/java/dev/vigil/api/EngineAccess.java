package dev.vigil.api;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Engine;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import dev.vigil.engine.OverloadedException;
import java.util.List;

/**
 * What the HTTP resources need from the engine. {@link #of(Engine)} adapts a running engine; a
 * test can supply its own to drive failure paths (overload, storage errors) that a real engine
 * rarely produces on demand.
 *
 * <p>{@link #ingest}, {@link #eventTypes()} and {@link #alerts()} may block on storage: the
 * server calls them on worker threads, never on an event loop.
 */
public interface EngineAccess {

  /** See {@link Engine#ingest(List)}. */
  List<Admission> ingest(List<Event> events) throws OverloadedException;

  EventTypes eventTypes();

  Alerts alerts();

  /** See {@link Engine#decisions()}. */
  dev.vigil.engine.Decisions decisions();

  static EngineAccess of(Engine engine) {
    return new EngineAccess() {
      @Override
      public List<Admission> ingest(List<Event> events) throws OverloadedException {
        return engine.ingest(events);
      }

      @Override
      public EventTypes eventTypes() {
        return engine.eventTypes();
      }

      @Override
      public Alerts alerts() {
        return engine.alerts();
      }

      @Override
      public dev.vigil.engine.Decisions decisions() {
        return engine.decisions();
      }
    };
  }
}
