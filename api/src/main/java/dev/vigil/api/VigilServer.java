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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
    RouteTable.withBody(router.post("/v1/events"), security.require("events:write"),
            IngestHandler.contentTypeCheck(), body)
        .handler(ingest);

    EventTypeHandler eventTypes = new EventTypeHandler(vertx, engine, limits);
    router.get("/v1/event-types").handler(security.require("rules:read")).handler(eventTypes::list);
    router.get("/v1/event-types/:name")
        .handler(security.require("rules:read"))
        .handler(eventTypes::get);
    RouteTable.withBody(router.put("/v1/event-types/:name"), security.require("rules:write"),
            EventTypeHandler.contentTypeCheck(), body)
        .handler(eventTypes::put);

    // Decision sets are rule-language definitions like rules: rules:read / rules:write.
    RuleHandler rules = new RuleHandler(vertx, engine, limits);
    new RouteTable(router, body, security.require("rules:read"), security.require("rules:write"))
        .versionedSources("/v1/rules", rules.endpoints())
        .write(HttpMethod.POST, "/v1/rules/:id/enable", rules::enable)
        .write(HttpMethod.POST, "/v1/rules/:id/disable", rules::disable)
        .versionedSources("/v1/decision-sets", new DecisionSetHandler(vertx, engine, limits).endpoints());

    AlertHandler alerts = new AlertHandler(vertx, engine);
    router.get("/v1/alerts").handler(security.require("alerts:read")).handler(alerts::list);
    AlertStreamHandler tail = streamHandler(vertx, engine, stream, meters);
    if (tail != null) {
      router.get("/v1/alerts/stream").handler(security.require("alerts:read")).handler(tail::stream);
    }
    router.get("/v1/alerts/:id").handler(security.require("alerts:read")).handler(alerts::get);

    DecisionHandler decisions = new DecisionHandler(vertx, engine, limits, System::currentTimeMillis);
    RouteTable.withBody(router.post("/v1/decisions"), security.require("decisions:write"),
            DecisionHandler.contentTypeCheck(), body)
        .handler(decisions::decide);
    router.get("/v1/decisions").handler(security.require("decisions:read")).handler(decisions::list);
    router.get("/v1/decisions/:event_id").handler(security.require("decisions:read")).handler(decisions::get);

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
    Handler<RoutingContext> json = EventTypeHandler.contentTypeCheck();
    String one = "/v1/subscriptions/:id";
    new RouteTable(router, body, security.require("subscriptions:read"), security.require("subscriptions:write"))
        .write(HttpMethod.POST, "/v1/subscriptions", json, subs::create)
        .read(HttpMethod.GET, "/v1/subscriptions", subs::list)
        .read(HttpMethod.GET, one, subs::get)
        .write(HttpMethod.PATCH, one, json, subs::patch)
        .write(HttpMethod.DELETE, one, subs::delete)
        .write(HttpMethod.POST, one + "/pause", subs::pause)
        .write(HttpMethod.POST, one + "/resume", subs::resume)
        .write(HttpMethod.POST, one + "/rotate-secret", RoutingContext::next, subs::rotateSecret)
        .read(HttpMethod.GET, one + "/deliveries", subs::deliveries)
        .write(HttpMethod.POST, one + "/deliveries/:delivery/retry", subs::retry)
        .write(HttpMethod.POST, one + "/replay", json, subs::replay);
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
