package dev.vigil.api.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.rules.DryRunEvents;
import dev.vigil.api.rules.VersionViews;
import dev.vigil.api.rules.VersionedSourceHandler;
import dev.vigil.api.rules.VersionedSources;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionSetHistory;
import dev.vigil.engine.Decisions;
import dev.vigil.engine.Event;
import dev.vigil.engine.NoDecisionException;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.rules.RuleException;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /v1/decision-sets}: validate and dry-run drafts, deploy versions, list, read, roll back
 * and delete decision sets, with the endpoints of {@code /v1/rules} ({@link #endpoints()}).
 * Compiling and building KieBases (seconds) run on worker threads; the requests that decide never
 * wait for them.
 */
public final class DecisionSetHandler implements VersionedSources<DecisionSetHistory> {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  private static final VersionedSourceHandler.Kind KIND = new VersionedSourceHandler.Kind(
      "decision set", "/v1/decision-sets", "invalid-decision-set", "Invalid decision set");

  private final EngineAccess engine;
  private final VersionedSourceHandler<DecisionSetHistory> endpoints;

  public DecisionSetHandler(Vertx vertx, EngineAccess engine, ApiLimits limits) {
    this.engine = engine;
    this.endpoints = new VersionedSourceHandler<>(vertx, limits, KIND, this);
  }

  public VersionedSourceHandler<DecisionSetHistory> endpoints() {
    return endpoints;
  }

  @Override
  public Object validate(String source) throws RuleException, RuleChangeException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", true);
    m.put("decisions", decisions().validate(source).stream().map(DecisionSetView::plan).toList());
    return m;
  }

  /** Reads the events against the engine's types first, then compiles and runs the draft. */
  @Override
  public Object dryRun(String source, JsonNode request, DryRunEvents events)
      throws RuleException, RuleChangeException {
    Map<String, Object> given = DecisionSetView.given(request.get("inputs"));
    List<Event> read = events.read(engine.eventTypes());
    List<Decision> out;
    try {
      out = decisions().test(source, read, given);
    } catch (NoDecisionException e) {
      throw new ProblemException(Problem.of(422, "no-decision", "No decision for this event", e.getMessage() + "."));
    }
    return Map.of("events", read.size(), "decisions", out.stream().map(DecisionView::entry).toList());
  }

  @Override
  public Object list() {
    return Map.of("decision_sets", decisions().sets().stream().map(h -> DecisionSetView.set(h, false)).toList());
  }

  @Override
  public Optional<DecisionSetHistory> find(String id) {
    return decisions().set(id);
  }

  @Override
  public Object detail(DecisionSetHistory h) {
    return DecisionSetView.set(h, true);
  }

  @Override
  public Object versions(DecisionSetHistory h) {
    return VersionViews.versions(h.id(), h.versions(), h.activeVersion());
  }

  @Override
  public void checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new ProblemException(Problem.of(400, "invalid-decision-set", "Invalid decision set",
          "A decision set id is 1-64 characters: a lower-case letter, then lower-case letters, digits, '_' or '-'."));
    }
  }

  @Override
  public Deployed<DecisionSetHistory> deploy(String id, String source, String author)
      throws RuleException, RuleChangeException {
    Decisions.Change c = decisions().deploy(id, source, author);
    return new Deployed<>(c.created(), c.set());
  }

  @Override
  public DecisionSetHistory rollback(String id, int version) throws RuleChangeException {
    return decisions().rollback(id, version);
  }

  @Override
  public void delete(String id) throws RuleChangeException {
    decisions().delete(id);
  }

  private Decisions decisions() {
    return engine.decisions();
  }
}
