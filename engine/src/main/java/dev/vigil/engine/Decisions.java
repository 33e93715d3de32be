package dev.vigil.engine;

import dev.vigil.engine.spi.StatisticsView;
import dev.vigil.rules.RuleException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real-time decisions (docs/design/decisions.md): allow / review / block for one event, on the
 * caller's thread, with reasons; a decision log; versioned decision sets with atomic swap and
 * rollback. Thread-safe.
 *
 * <pre>{@code
 * Decisions d = engine.decisions();
 * d.deploy("payments", source, "key-1");        // compiles, builds the KieBase, stores, swaps
 * Decision answer = d.decide(event, false);      // stored, then the event is ingested
 * d.rollback("payments", 1);                     // version 1 answers again
 * }</pre>
 */
public interface Decisions {

  /**
   * Decides {@code event} with the decision set that decides its type. If a decision for its id
   * is already stored, returns that one. Unless {@code dryRun}, stores the decision (with the
   * webhook deliveries of a {@code review} or {@code block}) and then ingests the event (once: a
   * repeat is a duplicate admission).
   *
   * @throws NoDecisionException when no decision is deployed for the event's type
   * @throws OverloadedException when the event could not be ingested; the decision is stored and a
   *     retry returns it and ingests the event
   */
  Decision decide(Event event, boolean dryRun) throws NoDecisionException, OverloadedException;

  /** The stored decision for an event id. */
  Optional<Decision> get(String eventId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  DecisionPage query(DecisionQuery query);

  /** Every decision set that is not deleted: file sets first, then API sets by id. */
  List<DecisionSetHistory> sets();

  Optional<DecisionSetHistory> set(String id);

  /**
   * Deploys {@code source} (decision blocks only) as the next version of set {@code id}: compiles
   * it, builds its KieBase off the request path, stores the version durably, then swaps it in
   * atomically. A bad source never replaces the running version.
   *
   * @return the set after the change; unchanged when {@code source} equals the running version
   * @throws RuleException when the source does not compile (every diagnostic)
   * @throws RuleChangeException INVALID (no decision block, or rules or event declarations in it),
   *     READ_ONLY (a file set), CONFLICT (a type another running set decides)
   */
  Change deploy(String id, String source, String author) throws RuleException, RuleChangeException;

  /**
   * Compiles {@code source} as a decision set, as {@link #deploy} would, without building or
   * deploying anything.
   *
   * @return its decisions, in source order
   * @throws RuleException when the source does not compile (every diagnostic)
   * @throws RuleChangeException INVALID as for {@link #deploy}
   */
  List<dev.vigil.rules.CompiledDecision> validate(String source) throws RuleException, RuleChangeException;

  /** Makes a stored version of set {@code id} active again (built first, then swapped atomically). */
  DecisionSetHistory rollback(String id, int version) throws RuleChangeException;

  /** Stops the set answering and hides it; its versions are kept and a later deploy continues them. */
  DecisionSetHistory delete(String id) throws RuleChangeException;

  /**
   * Decides {@code events} with draft decision blocks, in memory: nothing is stored, ingested or
   * sent. Reads are answered from {@code given} (key {@code name} or {@code name|entity}, as in
   * {@link Decision.Input}; value a Long, BigDecimal, Boolean or null for unknown); what is not
   * given has no history (counts 0, {@code seen} false, no alerts).
   *
   * @throws RuleException when the source does not compile
   * @throws RuleChangeException INVALID as for {@link #deploy}
   * @throws NoDecisionException when an event's type has no decision in the source
   */
  List<Decision> test(String source, List<Event> events, Map<String, Object> given)
      throws RuleException, RuleChangeException, NoDecisionException;

  /** Plugs in the statistics reader (default: {@link StatisticsView#NONE}). */
  void statistics(StatisticsView view);

  /**
   * The result of {@link #deploy}.
   *
   * @param set the set after the change
   * @param created whether the id was new (or deleted before)
   * @param changed whether a new version was stored
   */
  record Change(DecisionSetHistory set, boolean created, boolean changed) {}

  /**
   * The timer of one stage of a decision request, {@code vigil.decisions.stage{stage}}: the engine
   * records its stages here and the HTTP layer its own ({@code queue}, {@code parse}, {@code
   * render}) under the same name, key and buckets, so one query sees the whole request.
   */
  static io.micrometer.core.instrument.Timer stageTimer(io.micrometer.core.instrument.MeterRegistry registry,
      String stage) {
    return io.micrometer.core.instrument.Timer.builder("vigil.decisions.stage")
        .description("Time of one stage of a decision request")
        .tag("stage", stage)
        .publishPercentileHistogram()
        .minimumExpectedValue(java.time.Duration.ofNanos(1_000))
        .maximumExpectedValue(java.time.Duration.ofSeconds(5))
        .register(registry);
  }
}
