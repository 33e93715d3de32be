package dev.vigil.engine;

import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.schema.EventType;
import java.util.Collection;
import java.util.List;

/**
 * Runs draft rules against a list of events, in memory, with no store, no threads and no side
 * effects: the dry run behind {@code POST /v1/rules/test} and {@code vigil rules test}. It uses
 * the engine's own rule backend, routing and output rules (firing, suppress, alert ids), so a
 * rule raises here the alerts a node with one shard would raise for the same events.
 *
 * <pre>{@code
 * RuleSandbox sandbox = RuleSandbox.compile(engine.eventTypes().all(), "draft.vgl", source);
 * List<Event> events = ...;                       // validated against sandbox.eventTypes()
 * List<Alert> alerts = sandbox.run(events, null);
 * }</pre>
 *
 * <p>Events are evaluated in (timestamp, event id) order, as the shards' reorder buffers release
 * them, each runtime's clock moved forward to each event as the engine does. {@code until}, when
 * given, then moves every clock there, so tumbling windows and absences that end by then fire.
 * Rules reading rolling statistics see a store of the run's own, empty at the start, that the
 * events fold into exactly as the engine's would (the node's statistics are not touched).
 */
public interface RuleSandbox {

  /**
   * Compiles draft rules; the types they declare are known to this sandbox only.
   *
   * @param known event types besides the built-in ones (e.g. a node's declared types)
   * @throws RuleException with every diagnostic of the source
   */
  static RuleSandbox compile(Collection<EventType> known, String sourceName, String source) throws RuleException {
    return compile(known, dev.vigil.rules.StatisticsScope.EVERYTHING, sourceName, source);
  }

  /**
   * Compiles draft rules as a node keeping the statistics {@code kept} would: a read of others is
   * R2030, and the run's store keeps only these.
   */
  static RuleSandbox compile(Collection<EventType> known, dev.vigil.rules.StatisticsScope kept, String sourceName,
      String source) throws RuleException {
    return Engine.sandbox(known, kept, sourceName, source);
  }

  /** The compiled rules. */
  CompiledRuleSet rules();

  /** Every event type the draft can read: the built-in and known ones plus those it declares. */
  List<EventType> eventTypes();

  /**
   * Evaluates the events and returns the alerts, in the order raised (one per alert id).
   *
   * @param until event time to advance every clock to at the end, or {@code null}
   */
  List<Alert> run(List<Event> events, Long until);
}
