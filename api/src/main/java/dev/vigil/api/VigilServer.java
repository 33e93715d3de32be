package dev.vigil.api;

import dev.vigil.api.alerts.AlertFeed;
import dev.vigil.api.alerts.AlertHandler;
import dev.vigil.api.alerts.AlertStreamHandler;
import dev.vigil.api.alerts.AlertStreamSettings;
import dev.vigil.api.decisions.DecisionHandler;
import dev.vigil.api.decisions.DecisionSetHandler;
import dev.vigil.api.auth.Security;
import dev.vigil.api.delivery.WebhookSettings;
import dev.vigil.api.delivery.Webhooks;
import dev.vigil.api.subscriptions.SubscriptionHandler;
import dev.vigil.api.eventtypes.EventTypeHandler;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.Problems;
import dev.vigil.api.ingest.IngestHandler;
import dev.vigil.api.stats.EntityStatsHandler;
import dev.vigil.api.lateevents.LateEventHandler;
import dev.vigil.api.rules.RuleHandler;
import dev.vigil.engine.Engine;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP server of a Vigil node: the {@code /v1} resources (events, event types, alerts, late
 * events) plus
 * whatever {@code extraRoutes} mounts (health, metrics, keys).
 *
 * <pre>{@code
 * VigilServer server = VigilServer.start(vertx, engine, security, ApiLimits.defaults(), meters,
 *     router -> router.get("/health/live").handler(ctx -> ctx.end("ok")), "0.0.0.0", 8080)
 *   .await();
 * ...
 * server.close().await();   // stops accepting, lets in-flight requests finish
 * }</pre>
 *
 * <p>Every response carries {@code X-Request-Id} (the client's when it sent a sane one, else a
 * new UUID); every error is an RFC 9457 problem, including unknown routes (404) and wrong
 * methods (405).
 */
public final class VigilServer {
  /** How long {@link #close()} waits for in-flight requests before closing connections. */
  public static final long SHUTDOWN_GRACE_SECONDS = 30;

  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final HttpServer server;

  private VigilServer(HttpServer server) {
    this.server = server;
  }

  /** Starts a server for {@code engine}; {@code port} 0 picks a free port (see {@link #port()}). */
  public static Future<VigilServer> start(
      Vertx vertx,
      Engine engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      String host,
      int port) {
    return start(vertx, EngineAccess.of(engine), security, limits, meters, extraRoutes, host, port,
        Webhooks.withoutDispatcher(WebhookSettings.defaults()));
  }

  /** As above, with webhook delivery (the subscription resources wake its dispatcher). */
  public static Future<VigilServer> start(
      Vertx vertx,
      Engine engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      String host,
      int port,
      Webhooks webhooks) {
    return start(vertx, EngineAccess.of(engine), security, limits, meters, extraRoutes, host, port, webhooks);
  }

  /** As above, against any {@link EngineAccess} (tests use this to simulate engine failures). */
  public static Future<VigilServer> start(
      Vertx vertx,
      EngineAccess engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      String host,
      int port) {
    return start(vertx, engine, security, limits, meters, extraRoutes, host, port,
        Webhooks.withoutDispatcher(WebhookSettings.defaults()));
  }

  /** As above, against any {@link EngineAccess}, with webhook delivery. */
  public static Future<VigilServer> start(
      Vertx vertx,
      EngineAccess engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      String host,
      int port,
      Webhooks webhooks) {
    return start(vertx, engine, security, limits, meters, extraRoutes, host, port, webhooks,
        AlertStreamSettings.defaults());
  }

  /** As above, with the live tail's settings ({@code alerts.stream.*}). */
  public static Future<VigilServer> start(
      Vertx vertx,
      EngineAccess engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      String host,
      int port,
      Webhooks webhooks,
      AlertStreamSettings stream) {
    Router router = router(vertx, engine, security, limits, meters, extraRoutes, webhooks, stream);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            // No h2c upgrade: clients that take the upgrade (java.net.http before JDK 24) fail
            // in-flight requests on the GOAWAY a graceful shutdown sends. TLS termination in
            // front of Vigil can still speak HTTP/2 to clients.
            .setHttp2ClearTextEnabled(false)
            // Compressed bodies would get past maxBodyBytes before inflating.
            .setDecompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().map(VigilServer::new);
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /**
   * Stops accepting connections and lets in-flight requests finish (up to {@link
   * #SHUTDOWN_GRACE_SECONDS}), then closes.
   */
  public Future<Void> close() {
    return server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  static Router router(
      Vertx vertx,
      EngineAccess engine,
      Security security,
      ApiLimits limits,
      MeterRegistry meters,
      Consumer<Router> extraRoutes,
      Webhooks webhooks,
      AlertStreamSettings stream) {
    Router router = Router.router(vertx);
    router.route().handler(VigilServer::requestId);
    router.route().failureHandler(Problems::sendFailure);
    router.errorHandler(404, ctx -> Problems.send(ctx,
        Problem.of(404, "not-found", "Not found", "No resource at " + ctx.request().path() + ".")));
    router.errorHandler(405, ctx -> Problems.send(ctx,
        Problem.of(405, "method-not-allowed", "Method not allowed",
            ctx.request().method() + " is not supported on " + ctx.request().path() + ".")));
    if (extraRoutes != null) {
      extraRoutes.accept(router);
    }

    BodyHandler body = BodyHandler.create(false).setBodyLimit(limits.maxBodyBytes());
    IngestHandler ingest =
        new IngestHandler(vertx, engine, limits, meters, System::currentTimeMillis);
    withBody(router.post("/v1/events"), security.require("events:write"),
            IngestHandler.contentTypeCheck(), body)
        .handler(ingest);

    EventTypeHandler eventTypes = new EventTypeHandler(vertx, engine, limits);
    router.get("/v1/event-types").handler(security.require("rules:read")).handler(eventTypes::list);
    router.get("/v1/event-types/:name")
        .handler(security.require("rules:read"))
        .handler(eventTypes::get);
    withBody(router.put("/v1/event-types/:name"), security.require("rules:write"),
            EventTypeHandler.contentTypeCheck(), body)
        .handler(eventTypes::put);

    RuleHandler rules = new RuleHandler(vertx, engine, limits);
    String read = "rules:read";
    String write = "rules:write";
    withBody(router.post("/v1/rules/validate"), security.require(read), RuleHandler.sourceContentType(), body)
        .handler(rules::validate);
    withBody(router.post("/v1/rules/test"), security.require(read), RuleHandler.jsonContentType(), body)
        .handler(rules::test);
    router.get("/v1/rules").handler(security.require(read)).handler(rules::list);
    router.get("/v1/rules/:id").handler(security.require(read)).handler(rules::get);
    router.get("/v1/rules/:id/versions").handler(security.require(read)).handler(rules::versions);
    withBody(router.put("/v1/rules/:id"), security.require(write), RuleHandler.sourceContentType(), body)
        .handler(rules::put);
    withBody(router.post("/v1/rules/:id/rollback"), security.require(write), RuleHandler.jsonContentType(), body)
        .handler(rules::rollback);
    router.post("/v1/rules/:id/enable").handler(security.require(write)).handler(rules::enable);
    router.post("/v1/rules/:id/disable").handler(security.require(write)).handler(rules::disable);
    router.delete("/v1/rules/:id").handler(security.require(write)).handler(rules::delete);

    AlertHandler alerts = new AlertHandler(vertx, engine);
    router.get("/v1/alerts").handler(security.require("alerts:read")).handler(alerts::list);
    AlertStreamHandler tail = streamHandler(vertx, engine, stream, meters);
    if (tail != null) {
      router.get("/v1/alerts/stream").handler(security.require("alerts:read")).handler(tail::stream);
    }
    router.get("/v1/alerts/:id").handler(security.require("alerts:read")).handler(alerts::get);

    DecisionHandler decisions = new DecisionHandler(vertx, engine, limits, meters, System::currentTimeMillis);
    withBody(router.post("/v1/decisions"), security.require("decisions:write"),
            DecisionHandler.contentTypeCheck(), body)
        .handler(decisions::decide);
    router.get("/v1/decisions").handler(security.require("decisions:read")).handler(decisions::list);
    router.get("/v1/decisions/:event_id").handler(security.require("decisions:read")).handler(decisions::get);
    decisionSetRoutes(router, new DecisionSetHandler(vertx, engine, limits), security, body);

    // Statistics are investigation data about the same entities alerts name: alerts:read.
    EntityStatsHandler stats = new EntityStatsHandler(vertx, engine);
    router.get("/v1/entities/:type/:key/stats").handler(security.require("alerts:read")).handler(stats::get);

    LateEventHandler lateEvents = new LateEventHandler(vertx, engine);
    router.get("/v1/late-events").handler(security.require("alerts:read")).handler(lateEvents::list);
    router.post("/v1/alerts/:id/ack").handler(security.require("alerts:write")).handler(alerts::acknowledge);
    router.post("/v1/alerts/:id/resolve").handler(security.require("alerts:write")).handler(alerts::resolve);
    subscriptionRoutes(router, new SubscriptionHandler(vertx, engine, webhooks), security, body);
    return router;
  }

  /** Decision sets are rule-language definitions like rules: {@code rules:read} / {@code rules:write}. */
  private static void decisionSetRoutes(
      Router router, DecisionSetHandler sets, Security security, BodyHandler body) {
    Handler<RoutingContext> read = security.require("rules:read");
    Handler<RoutingContext> write = security.require("rules:write");
    String one = "/v1/decision-sets/:id";
    withBody(router.post("/v1/decision-sets/validate"), read, RuleHandler.sourceContentType(), body)
        .handler(sets::validate);
    withBody(router.post("/v1/decision-sets/test"), read, RuleHandler.jsonContentType(), body).handler(sets::test);
    router.get("/v1/decision-sets").handler(read).handler(sets::list);
    router.get(one).handler(read).handler(sets::get);
    router.get(one + "/versions").handler(read).handler(sets::versions);
    withBody(router.put(one), write, RuleHandler.sourceContentType(), body).handler(sets::put);
    withBody(router.post(one + "/rollback"), write, RuleHandler.jsonContentType(), body).handler(sets::rollback);
    router.delete(one).handler(write).handler(sets::delete);
  }

  /** The live tail, or {@code null} when the engine's alert store cannot be followed (test doubles). */
  private static AlertStreamHandler streamHandler(
      Vertx vertx, EngineAccess engine, AlertStreamSettings settings, MeterRegistry meters) {
    AlertFeed feed;
    try {
      feed = new AlertFeed(engine.alerts());
    } catch (UnsupportedOperationException e) {
      return null;
    }
    return new AlertStreamHandler(vertx, feed, settings, meters);
  }

  private static void subscriptionRoutes(
      Router router, SubscriptionHandler subs, Security security, BodyHandler body) {
    Handler<RoutingContext> read = security.require("subscriptions:read");
    Handler<RoutingContext> write = security.require("subscriptions:write");
    Handler<RoutingContext> json = EventTypeHandler.contentTypeCheck();
    String one = "/v1/subscriptions/:id";
    withBody(router.post("/v1/subscriptions"), write, json, body).handler(subs::create);
    router.get("/v1/subscriptions").handler(read).handler(subs::list);
    router.get(one).handler(read).handler(subs::get);
    withBody(router.patch(one), write, json, body).handler(subs::patch);
    router.delete(one).handler(write).handler(subs::delete);
    router.post(one + "/pause").handler(write).handler(subs::pause);
    router.post(one + "/resume").handler(write).handler(subs::resume);
    withBody(router.post(one + "/rotate-secret"), write, ctx -> ctx.next(), body).handler(subs::rotateSecret);
    router.get(one + "/deliveries").handler(read).handler(subs::deliveries);
    router.post(one + "/deliveries/:delivery/retry").handler(write).handler(subs::retry);
    withBody(router.post(one + "/replay"), write, json, body).handler(subs::replay);
  }

  /**
   * Chains the handlers of a route that reads a body: pause the request (so the body waits while
   * authentication may run asynchronously), authenticate, check the content type, then read the
   * body under the size limit. Reading happens only for authorized, well-typed requests.
   *
   * <p>Vert.x only lets platform handlers precede a {@link BodyHandler}; the pause makes running
   * these ones first safe, so they are marked as such.
   */
  private static Route withBody(
      Route route, Handler<RoutingContext> auth, Handler<RoutingContext> contentType, BodyHandler body) {
    return route
        .handler(new BeforeBody(VigilServer::pauseBody))
        .handler(new BeforeBody(auth))
        .handler(new BeforeBody(contentType))
        .handler(body);
  }

  /** A handler that runs before the body is read (see {@link #withBody}). */
  private record BeforeBody(Handler<RoutingContext> delegate) implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      delegate.handle(ctx);
    }
  }

  private static void pauseBody(RoutingContext ctx) {
    ctx.request().pause();
    // If the request is answered before its body was read (401, 415, 413 by Content-Length),
    // drain the rest so the connection stays usable.
    ctx.addHeadersEndHandler(v -> {
      if (!ctx.request().isEnded()) {
        ctx.request().resume();
      }
    });
    ctx.next();
  }

  private static void requestId(RoutingContext ctx) {
    String id = ctx.request().getHeader("X-Request-Id");
    if (id == null || !SANE_REQUEST_ID.matcher(id).matches()) {
      id = UUID.randomUUID().toString();
    }
    ctx.put("requestId", id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }
}
