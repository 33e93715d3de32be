package dev.vigil.api.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.rules.RuleException;
import java.util.Optional;

/**
 * What differs between the resources {@link VersionedSourceHandler} serves (rules, decision sets):
 * how a draft is checked and dry-run, how a stored history is found, changed and shown. The
 * methods run on worker threads and may block; the handler maps {@link RuleException} to {@code
 * 422 invalid-rule} and {@link RuleChangeException} to the resource's refusal problems.
 *
 * @param <H> the resource's version history ({@code RuleHistory}, {@code DecisionSetHistory})
 */
public interface VersionedSources<H> {

  /** The body of {@code POST .../validate} for a draft that compiles. */
  Object validate(String source) throws RuleException, RuleChangeException;

  /**
   * The body of {@code POST .../test}: runs {@code source} over the request's events, read with
   * {@code events} once the types to read them with are known.
   */
  Object dryRun(String source, JsonNode request, DryRunEvents events) throws RuleException, RuleChangeException;

  /** The body of the list resource. */
  Object list();

  Optional<H> find(String id);

  /** The resource's full view (after reads and changes). */
  Object detail(H history);

  /** The body of {@code GET .../{id}/versions} ({@link VersionViews#versions}). */
  Object versions(H history);

  /** Refuses an id before anything is read (a {@code ProblemException}); by default any id passes. */
  default void checkId(String id) {}

  Deployed<H> deploy(String id, String source, String author) throws RuleException, RuleChangeException;

  H rollback(String id, int version) throws RuleChangeException;

  void delete(String id) throws RuleChangeException;

  /** A deployed version, and whether it created the resource ({@code 201} and {@code Location}). */
  record Deployed<H>(boolean created, H history) {}
}
