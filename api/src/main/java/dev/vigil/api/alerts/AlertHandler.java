package dev.vigil.api.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.Timestamps;
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
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
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
      throw badParam("cursor", "is not a cursor returned by this server");
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
    for (String name : params.names()) {
      if (!PARAMS.contains(name)) {
        throw badParam(name, "unknown parameter; expected one of " + new java.util.TreeSet<>(PARAMS));
      }
      if (params.getAll(name).size() > 1) {
        throw badParam(name, "given more than once");
      }
    }
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
    Long since = time(params, "since");
    Long until = time(params, "until");
    if (since != null && until != null && since > until) {
      throw badParam("since", "must not be after until");
    }
    int limit = DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null) {
      if (!limitText.matches("\\d{1,4}")
          || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIMIT) {
        throw badParam("limit", "must be an integer from 1 to " + MAX_LIMIT);
      }
      limit = Integer.parseInt(limitText);
    }
    String cursor = params.get("cursor");
    if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
      throw badParam("cursor", "is not a cursor returned by this server");
    }
    return new AlertQuery(
        emptyToNull(params.get("rule")), emptyToNull(params.get("entity_key")), severity,
        since, until, cursor, limit, status);
  }

  private static Long time(MultiMap params, String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parseTextOrMillis(text);
    } catch (IllegalArgumentException e) {
      throw badParam(name, e.getMessage());
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static ProblemException badParam(String name, String reason) {
    return new ProblemException(
        Problem.of(400, "invalid-parameter", "Invalid query parameter",
                "Parameter \"" + name + "\" " + reason + ".")
            .with("parameter", name));
  }
}
