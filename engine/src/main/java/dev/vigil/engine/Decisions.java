package dev.vigil.engine;

import dev.vigil.engine.spi.StatisticsView;
import java.util.List;
import java.util.Optional;

/**
 * Real-time decisions (docs/design/decisions.md): allow / review / block for one event, on the
 * caller's thread, with reasons; a decision log; versioned decision sets with atomic swap and
 * rollback. Thread-safe.
 */
public interface Decisions {

  /**
   * Decides {@code event} with the current decision set. If a decision for its id is already
   * stored, returns that one. Unless {@code dryRun}, stores the decision and then ingests the
   * event (once: a repeat is a duplicate admission).
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

  /**
   * Compiles the decision blocks of {@code files} (detection rules in them are checked, not
   * deployed here) into a new version, builds its KieBase and swaps it in atomically. On failure
   * the current version keeps serving.
   *
   * @throws RuleLoadException when a file does not compile, or two files decide one type
   */
  DecisionSetInfo deploy(List<RuleFile> files) throws RuleLoadException;

  /**
   * Makes an earlier version current again (atomic swap).
   *
   * @throws IllegalArgumentException when that version is not kept
   */
  DecisionSetInfo rollback(int version);

  /** The serving version, if any. */
  Optional<DecisionSetInfo> current();

  /** The versions kept for rollback, oldest first. */
  List<DecisionSetInfo> versions();

  /** Plugs in the statistics reader (default: {@link StatisticsView#NONE}). */
  void statistics(StatisticsView view);
}
