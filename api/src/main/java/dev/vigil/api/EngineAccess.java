package dev.vigil.api;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Deliveries;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import dev.vigil.engine.LateEvents;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.RuleCatalog;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleSandbox;
import dev.vigil.engine.Subscriptions;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP resources need from the engine. {@link #of(Engine)} adapts a running engine; a
 * test can supply its own to drive failure paths (overload, storage errors) that a real engine
 * rarely produces on demand.
 *
 * <p>{@link #ingest}, {@link #eventTypes()}, {@link #alerts()} and {@link #lateEvents()} may block on storage: the
 * server calls them on worker threads, never on an event loop.
 */
public interface EngineAccess {

  /** See {@link Engine#ingest(List)}. */
  List<Admission> ingest(List<Event> events) throws OverloadedException;

  EventTypes eventTypes();

  /** See {@link Engine#durability()}; named in every ingest response. */
  default dev.vigil.engine.Durability durability() {
    return dev.vigil.engine.Durability.FSYNC;
  }

  Alerts alerts();

  /** See {@link Engine#decisions()}. */
  dev.vigil.engine.Decisions decisions();

  /** See {@link Engine#ruleCatalog()}; may block on compiling and storage. */
  default RuleCatalog ruleCatalog() {
    throw new UnsupportedOperationException("no rule catalog");
  }

  /** The late-events log; an access without one answers every query with an error. */
  default LateEvents lateEvents() {
    throw new UnsupportedOperationException("this engine access has no late-events log");
  }

  /** Webhook subscriptions; engines without them (test doubles) throw. */
  default Subscriptions subscriptions() {
    throw new UnsupportedOperationException("no webhook subscriptions here");
  }

  /** The webhook delivery outbox; engines without it (test doubles) throw. */
  default Deliveries deliveries() {
    throw new UnsupportedOperationException("no webhook deliveries here");
  }

  /** The deployed rules. */
  default List<RuleInfo> rules() {
    return List.of();
  }

  /** See {@link Engine#entityStats(String, String)}. */
  default Optional<EntityStats> entityStats(String keyField, String key) {
    return Optional.empty();
  }

  /** See {@link Engine#statisticsKept(String)}. */
  default boolean statisticsKept(String keyField) {
    return true;
  }

  /** See {@link Engine#ruleCompiler()}. */
  default RuleCompiler ruleCompiler() {
    return new RuleCompiler(eventTypes().all(), Limits.defaults());
  }

  /** See {@link Engine#sandbox(String, String)}. */
  default RuleSandbox sandbox(String sourceName, String source) throws RuleException {
    return RuleSandbox.compile(eventTypes().all(), sourceName, source);
  }

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
      public dev.vigil.engine.Durability durability() {
        return engine.durability();
      }

      @Override
      public Alerts alerts() {
        return engine.alerts();
      }

      @Override
      public dev.vigil.engine.Decisions decisions() {
        return engine.decisions();
      }

      @Override
      public RuleCatalog ruleCatalog() {
        return engine.ruleCatalog();
      }

      @Override
      public LateEvents lateEvents() {
        return engine.lateEvents();
      }

      @Override
      public Subscriptions subscriptions() {
        return engine.subscriptions();
      }

      @Override
      public Deliveries deliveries() {
        return engine.deliveries();
      }

      @Override
      public List<RuleInfo> rules() {
        return engine.rules();
      }

      @Override
      public Optional<EntityStats> entityStats(String keyField, String key) {
        return engine.entityStats(keyField, key);
      }

      @Override
      public boolean statisticsKept(String keyField) {
        return engine.statisticsKept(keyField);
      }

      @Override
      public RuleCompiler ruleCompiler() {
        return engine.ruleCompiler();
      }

      @Override
      public RuleSandbox sandbox(String sourceName, String source) throws RuleException {
        return engine.sandbox(sourceName, source);
      }
    };
  }
}
