package dev.vigil.api.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.alerts.AlertView;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Alert;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleCatalog;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleSandbox;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.schema.EventType;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/rules}: the versioned-source endpoints ({@link #endpoints()}: validate and dry-run
 * drafts, deploy versions, list, read, roll back, delete) over the engine's rule catalog, plus
 * enable and disable.
 */
public final class RuleHandler implements VersionedSources<RuleHistory> {

  private static final VersionedSourceHandler.Kind KIND =
      new VersionedSourceHandler.Kind("rule", "/v1/rules", "invalid-rule-request", "Invalid rule request");

  private final EngineAccess engine;
  private final VersionedSourceHandler<RuleHistory> endpoints;

  public RuleHandler(Vertx vertx, EngineAccess engine, ApiLimits limits) {
    this.engine = engine;
    this.endpoints = new VersionedSourceHandler<>(vertx, limits, KIND, this);
  }

  /** The endpoints rules share with decision sets. */
  public VersionedSourceHandler<RuleHistory> endpoints() {
    return endpoints;
  }

  public void enable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    endpoints.change(ctx, () -> catalog().enable(id, true));
  }

  public void disable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    endpoints.change(ctx, () -> catalog().enable(id, false));
  }

  @Override
  public Object validate(String source) throws RuleException {
    CompiledRuleSet set = engine.ruleCompiler().compile("source.vgl", source);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", true);
    m.put("rules", set.rules().stream().map(RuleViews::plan).toList());
    m.put("declared_types", set.declaredTypes().stream().map(EventType::name).toList());
    m.put("warnings", set.warnings().stream().map(d -> RuleViews.diagnostic("source.vgl", source, d)).toList());
    return m;
  }

  /** Compiles the draft in a sandbox first: its declared types are the ones its events are read with. */
  @Override
  public Object dryRun(String source, JsonNode request, DryRunEvents events) throws RuleException {
    Long until = until(request.get("until"));
    RuleSandbox sandbox = engine.sandbox("source.vgl", source);
    List<Event> read = events.read(new FixedEventTypes(sandbox.eventTypes()));
    List<Alert> alerts = sandbox.run(read, until);
    return Map.of("events", read.size(), "alerts", alerts.stream().map(AlertView::of).toList());
  }

  @Override
  public Object list() {
    Map<String, RuleInfo> running = running();
    return Map.of("rules", catalog().list().stream()
        .map(h -> RuleViews.rule(h, running.get(h.id()), null, false)).toList());
  }

  @Override
  public Optional<RuleHistory> find(String id) {
    return catalog().get(id);
  }

  @Override
  public Object detail(RuleHistory h) {
    return RuleViews.rule(h, running().get(h.id()), catalog().stats(h.id()), true);
  }

  @Override
  public Object versions(RuleHistory h) {
    return VersionViews.versions(h.id(), h.versions(), h.activeVersion());
  }

  @Override
  public Deployed<RuleHistory> deploy(String id, String source, String author)
      throws RuleException, RuleChangeException {
    RuleCatalog.Change c = catalog().deploy(id, source, author);
    return new Deployed<>(c.created(), c.history());
  }

  @Override
  public RuleHistory rollback(String id, int version) throws RuleChangeException {
    return catalog().rollback(id, version);
  }

  @Override
  public void delete(String id) throws RuleChangeException {
    catalog().delete(id);
  }

  private Map<String, RuleInfo> running() {
    Map<String, RuleInfo> m = new LinkedHashMap<>();
    engine.rules().forEach(r -> m.put(r.id(), r));
    return m;
  }

  private RuleCatalog catalog() {
    return engine.ruleCatalog();
  }

  private static Long until(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return v.isIntegralNumber() ? v.asLong() : Timestamps.parseText(v.asText());
    } catch (RuntimeException e) {
      throw RuleRequests.invalidBody("\"until\" must be epoch milliseconds or an RFC 3339 time.");
    }
  }
}
