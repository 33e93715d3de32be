package dev.vigil.api.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.QueryParams;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.AlertLifecycle;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.AlertStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/alerts} (filtered, newest first, cursor-paginated) and {@code GET
 * /v1/alerts/{id}}. Query parameters are checked strictly: an unknown or repeated parameter is a
 * {@code 400} naming it, so a typo never silently widens a query.
 */
public final class AlertHandler {
  private static final Set<String> PARAMS =
      Set.of("rule", "entity_key", "severity", "status", "since", "until", "cursor", "limit");
  private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

  private final Vertx vertx;
  private final EngineAccess engine;

  public AlertHandler(Vertx vertx, EngineAccess engine) {
    this.vertx = vertx;
    this.engine = engine;
  }

  /** The body of {@code GET /v1/alerts}. */
  public record AlertList(List<AlertView> alerts, @JsonProperty("next_cursor") String nextCursor) {}

  public void list(RoutingContext ctx) {
    AlertQuery query = query(ctx.queryParams());
    vertx.executeBlocking(() -> page(query), false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(
            () -> engine.alerts().get(id).map(a -> AlertView.of(a, engine.alerts().lifecycle(id)))
                .orElseThrow(AlertHandler::notFound),
            false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private AlertList page(AlertQuery query) {
    AlertPage page;
    try {
      page = engine.alerts().query(query);
    } catch (IllegalArgumentException e) {
      throw QueryParams.badCursor();
    }
    return new AlertList(
        page.alerts().stream().map(a -> AlertView.of(a, engine.alerts().lifecycle(a.alertId()))).toList(),
        page.nextCursor());
  }

  /** {@code POST /v1/alerts/{id}/ack}: open → acknowledged, recording the caller's key id. */
  public void acknowledge(RoutingContext ctx) {
    transition(ctx, AlertStatus.ACKNOWLEDGED);
  }

  /** {@code POST /v1/alerts/{id}/resolve}: open or acknowledged → resolved. */
  public void resolve(RoutingContext ctx) {
    transition(ctx, AlertStatus.RESOLVED);
  }

  private void transition(RoutingContext ctx, AlertStatus next) {
    String id = ctx.pathParam("id");
    Object key = ctx.get("apiKeyId");
    String by = key == null ? null : key.toString();
    vertx.executeBlocking(
            () -> {
              try {
                AlertLifecycle life = engine.alerts().transition(id, next, by, System.currentTimeMillis())
                    .orElseThrow(AlertHandler::notFound);
                return AlertView.of(engine.alerts().get(id).orElseThrow(AlertHandler::notFound), life);
              } catch (IllegalStateException e) {
                throw new ProblemException(Problem.of(409, "alert-status-conflict", "Alert status conflict",
                    e.getMessage() + "."));
              }
            },
            false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private static ProblemException notFound() {
    return new ProblemException(Problem.of(404, "alert-not-found", "Alert not found", "No alert with this id."));
  }

  /** Parses and checks the query parameters; throws a 400 problem naming the first bad one. */
  static AlertQuery query(MultiMap params) {
    QueryParams.requireKnownAndSingle(params, PARAMS);
    String severity = params.get("severity");
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw badParam("severity", "must be one of low, medium, high, critical");
    }
    AlertStatus status = null;
    String statusText = params.get("status");
    if (statusText != null) {
      try {
        status = AlertStatus.ofWireName(statusText);
      } catch (IllegalArgumentException e) {
        throw badParam("status", "must be one of open, acknowledged, resolved");
      }
    }
    Long since = QueryParams.time(params, "since");
    Long until = QueryParams.time(params, "until");
    QueryParams.requireOrdered(since, until);
    int limit = QueryParams.limit(params);
    String cursor = QueryParams.cursor(params);
    return new AlertQuery(
        emptyToNull(params.get("rule")), emptyToNull(params.get("entity_key")), severity,
        since, until, cursor, limit, status);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static ProblemException badParam(String name, String reason) {
    return QueryParams.invalid(name, reason);
  }
}
