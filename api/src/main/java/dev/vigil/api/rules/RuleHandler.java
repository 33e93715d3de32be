package dev.vigil.api.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.alerts.AlertView;
import dev.vigil.api.auth.ApiKeySecurity;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.EventReader;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Alert;
import dev.vigil.engine.RuleCatalog;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleSandbox;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.schema.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code /v1/rules}: validate and dry-run drafts, deploy versions, list, read, roll back, enable,
 * disable and delete rules. Compiling, storing and swapping run on worker threads.
 */
public final class RuleHandler {

  /** Dry runs accept events up to this far ahead of the wall clock (test data may be anywhere in time). */
  private static final long DRY_RUN_SKEW_MILLIS = 100L * 365 * 24 * 3600 * 1000;

  private final Vertx vertx;
  private final EngineAccess engine;
  private final ApiLimits limits;
  private final RuleRequests requests;

  public RuleHandler(Vertx vertx, EngineAccess engine, ApiLimits limits) {
    this.vertx = vertx;
    this.engine = engine;
    this.limits = limits;
    this.requests = new RuleRequests(limits);
  }

  /** 415 unless text/plain or JSON; for the endpoints that take rule source. */
  public static io.vertx.core.Handler<RoutingContext> sourceContentType() {
    return RuleRequests.contentTypeCheck(true);
  }

  /** 415 unless JSON. */
  public static io.vertx.core.Handler<RoutingContext> jsonContentType() {
    return RuleRequests.contentTypeCheck(false);
  }

  public void validate(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      String source = requests.source(ctx, body);
      CompiledRuleSet set = compile("source.vgl", source);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("valid", true);
      m.put("rules", set.rules().stream().map(RuleViews::plan).toList());
      m.put("declared_types", set.declaredTypes().stream().map(EventType::name).toList());
      m.put("warnings", set.warnings().stream().map(d -> RuleViews.diagnostic("source.vgl", source, d)).toList());
      return m;
    });
  }

  public void test(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      JsonNode request = requests.object(body);
      String source = RuleRequests.source(request);
      JsonNode events = request.get("events");
      if (events == null || !events.isArray()) {
        throw RuleRequests.invalidBody("The JSON body needs an array member \"events\".");
      }
      if (events.size() > limits.maxBatchEvents()) {
        throw new ProblemException(Problem.of(413, "batch-too-large", "Too many events",
            "A dry run takes at most " + limits.maxBatchEvents() + " events.")
            .with("max_batch_events", limits.maxBatchEvents()));
      }
      Long until = until(request.get("until"));
      RuleSandbox sandbox;
      try {
        sandbox = RuleSandbox.compile(engine.eventTypes().all(), "source.vgl", source);
      } catch (RuleException e) {
        throw RuleRequests.invalidRule(e, "source.vgl", source);
      }
      List<JsonNode> items = new ArrayList<>();
      events.forEach(items::add);
      EventReader.Result read = new EventReader(limits, new FixedEventTypes(sandbox.eventTypes()),
          () -> System.currentTimeMillis() + DRY_RUN_SKEW_MILLIS).read(items);
      if (!read.rejected().isEmpty()) {
        throw new ProblemException(Problem.of(422, "invalid-events", "Invalid events",
            read.rejected().size() + " of " + items.size() + " events are invalid; nothing was run.")
            .with("rejected", read.rejected()));
      }
      List<Alert> alerts = sandbox.run(read.events(), until);
      return Map.of("events", read.events().size(), "alerts", alerts.stream().map(AlertView::of).toList());
    });
  }

  public void list(RoutingContext ctx) {
    blocking(ctx, 200, () -> {
      Map<String, RuleInfo> running = running();
      return Map.of("rules", catalog().list().stream()
          .map(h -> RuleViews.rule(h, running.get(h.id()), null, false)).toList());
    });
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> detail(catalog().get(id).orElseThrow(() -> notFound(id))));
  }

  public void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> RuleViews.versions(catalog().get(id).orElseThrow(() -> notFound(id))));
  }

  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    byte[] body = body(ctx);
    Object author = ctx.get(ApiKeySecurity.KEY_ID);
    vertx.executeBlocking(() -> {
          String source = requests.source(ctx, body);
          try {
            RuleCatalog.Change c = catalog().deploy(id, source, author == null ? "unknown" : author.toString());
            return Map.entry(c.created(), detail(c.history()));
          } catch (RuleException e) {
            throw RuleRequests.invalidRule(e, id + ".vgl", source);
          } catch (RuleChangeException e) {
            throw changeProblem(e);
          }
        }, false)
        .onSuccess(r -> {
          if (r.getKey()) {
            ctx.response().putHeader("Location", "/v1/rules/" + id);
          }
          Responses.json(ctx, r.getKey() ? 201 : 200, r.getValue());
        })
        .onFailure(ctx::fail);
  }

  public void rollback(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      JsonNode v = requests.object(body).get("version");
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        throw RuleRequests.invalidBody("The JSON body needs a positive integer member \"version\".");
      }
      return change(() -> catalog().rollback(id, v.asInt()));
    });
  }

  public void enable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> change(() -> catalog().enable(id, true)));
  }

  public void disable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> change(() -> catalog().enable(id, false)));
  }

  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> change(() -> catalog().delete(id)), false)
        .onSuccess(r -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** A state change of the catalog. */
  @FunctionalInterface
  private interface StateChange {
    RuleHistory apply() throws RuleChangeException;
  }

  private Map<String, Object> change(StateChange change) {
    try {
      return detail(change.apply());
    } catch (RuleChangeException e) {
      throw changeProblem(e);
    }
  }

  private Map<String, Object> detail(RuleHistory h) {
    return RuleViews.rule(h, running().get(h.id()), catalog().stats(h.id()), true);
  }

  private Map<String, RuleInfo> running() {
    Map<String, RuleInfo> m = new LinkedHashMap<>();
    engine.rules().forEach(r -> m.put(r.id(), r));
    return m;
  }

  private RuleCatalog catalog() {
    return engine.ruleCatalog();
  }

  private CompiledRuleSet compile(String name, String source) {
    try {
      return new RuleCompiler(engine.eventTypes().all(), Limits.defaults()).compile(name, source);
    } catch (RuleException e) {
      throw RuleRequests.invalidRule(e, name, source);
    }
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

  private static ProblemException changeProblem(RuleChangeException e) {
    return new ProblemException(switch (e.reason()) {
      case NOT_FOUND -> Problem.of(404, "rule-not-found", "Rule not found", e.getMessage());
      case READ_ONLY -> Problem.of(409, "rule-read-only", "Rule is read-only", e.getMessage());
      case CONFLICT -> Problem.of(409, "rule-conflict", "Rule conflict", e.getMessage());
      case INVALID -> Problem.of(400, "invalid-rule-request", "Invalid rule request", e.getMessage());
    });
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(Problem.of(404, "rule-not-found", "Rule not found",
        "No rule \"" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "\"."));
  }

  private static byte[] body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  private <T> void blocking(RoutingContext ctx, int status, Callable<T> work) {
    vertx.executeBlocking(work, false)
        .onSuccess(body -> Responses.json(ctx, status, body))
        .onFailure(ctx::fail);
  }
}
