package dev.vigil.api.decisions;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.PendingLimit;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.QueryParams;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.SingleEvent;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.NoDecisionException;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/decisions} (one event, answered synchronously), {@code GET /v1/decisions/{id}}
 * and {@code GET /v1/decisions}. The event is parsed and validated exactly as on
 * {@code /v1/events}; the decision runs on a worker thread.
 */
public final class DecisionHandler {

  private static final Set<String> LIST_PARAMS = Set.of("decision", "since", "until", "cursor", "limit");
  private static final Set<String> OUTCOMES = Set.of("allow", "review", "block");

  private final Vertx vertx;
  private final EngineAccess engine;
  private final SingleEvent events;
  private final Timer queued;
  private final Timer parsed;
  private final Timer rendered;
  private final PendingLimit pending;

  /** @param meters records the HTTP stages of {@code vigil.decisions.stage} (docs/api.md, "Metrics") */
  public DecisionHandler(Vertx vertx, EngineAccess engine, ApiLimits limits, MeterRegistry meters,
      LongSupplier nowMillis) {
    this.vertx = vertx;
    this.engine = engine;
    this.events = new SingleEvent(limits, engine.eventTypes(), nowMillis);
    this.queued = stage(meters, "queue");
    this.parsed = stage(meters, "parse");
    this.rendered = stage(meters, "render");
    this.pending = new PendingLimit(limits.maxPendingRequests());
  }

  private static Timer stage(MeterRegistry meters, String stage) {
    return dev.vigil.engine.Decisions.stageTimer(meters, stage);
  }

  /** Answers {@code 415} unless the request is JSON; runs before the body is read. */
  public static io.vertx.core.Handler<RoutingContext> contentTypeCheck() {
    return ctx -> {
      String type = ctx.request().getHeader("Content-Type");
      String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (!mime.equals("application/json")) {
        ctx.fail(new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
            "Send one event as application/json, UTF-8.")));
        return;
      }
      ctx.next();
    };
  }

  public void decide(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    for (String name : params.names()) {
      if (!name.equals("dry_run") || params.getAll(name).size() > 1) {
        throw badParam(name, "unknown or repeated parameter; expected at most one dry_run");
      }
    }
    String dry = params.get("dry_run");
    if (dry != null && !dry.equals("true") && !dry.equals("false")) {
      throw badParam("dry_run", "must be true or false");
    }
    boolean dryRun = "true".equals(dry);
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    long received = System.nanoTime();
    // The answer is rendered on the worker too: the event loop only writes the bytes.
    pending.submit(vertx, () -> {
      long t = System.nanoTime();
      queued.record(t - received, TimeUnit.NANOSECONDS);
      Decision d = decide(body, dryRun);
      t = System.nanoTime();
      String text = Responses.render(DecisionView.answer(d, dryRun));
      rendered.record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
      return text;
    }, "nothing was decided or ingested")
        .onSuccess(text -> Responses.jsonText(ctx, 200, text))
        .onFailure(ctx::fail);
  }

  /** Runs on a worker thread. */
  Decision decide(byte[] body, boolean dryRun) {
    long t = System.nanoTime();
    dev.vigil.engine.Event event = events.read(body);
    parsed.record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
    try {
      return engine.decisions().decide(event, dryRun);
    } catch (NoDecisionException e) {
      throw new ProblemException(Problem.of(422, "no-decision", "No decision for this event", e.getMessage() + "."));
    } catch (OverloadedException e) {
      throw new ProblemException(Problem.of(e.shuttingDown() ? 503 : 429, "overloaded", "Cannot ingest now",
          "The decision was stored, but the event could not be ingested; retry: the same decision is answered and"
              + " the event is ingested once."), Math.max(1, e.retryAfterSeconds()));
    } catch (StorageException e) {
      throw new ProblemException(Problem.of(503, "storage-unavailable", "Storage unavailable",
          "The decision log or the event journal could not be written."), 5);
    }
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("event_id");
    vertx.executeBlocking(() -> engine.decisions().get(id).map(DecisionView::entry).orElseThrow(() ->
            new ProblemException(Problem.of(404, "decision-not-found", "Decision not found",
                "No decision is stored for this event id."))), false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  public void list(RoutingContext ctx) {
    DecisionQuery q = query(ctx.queryParams());
    vertx.executeBlocking(() -> {
      DecisionPage page;
      try {
        page = engine.decisions().query(q);
      } catch (IllegalArgumentException e) {
        throw QueryParams.badCursor();
      }
      return new DecisionView.Page(page.items().stream().map(DecisionView::entry).toList(), page.nextCursor());
    }, false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  static DecisionQuery query(MultiMap params) {
    QueryParams.requireKnownAndSingle(params, LIST_PARAMS);
    String outcome = params.get("decision");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw badParam("decision", "must be one of allow, review, block");
    }
    Long since = QueryParams.time(params, "since");
    Long until = QueryParams.time(params, "until");
    QueryParams.requireOrdered(since, until);
    int limit = QueryParams.limit(params);
    String cursor = QueryParams.cursor(params);
    return new DecisionQuery(outcome, since, until, cursor, limit);
  }

  private static ProblemException badParam(String name, String reason) {
    return QueryParams.invalid(name, reason);
  }
}
