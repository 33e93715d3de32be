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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP server of a Vigil node: the {@code /v1} resources (events, event types, alerts, late
 * events) plus
 * whatever {@code extraRoutes} mounts (health, metrics, keys).
 *
 * <pre>{@code
 * VigilServer server = VigilServer.start(vertx, VigilServer.setup(EngineAccess.of(engine), security)
 *     .meters(meters)
 *     .extraRoutes(router -> router.get("/health/live").handler(ctx -> ctx.end("ok")))
 *     .listen("0.0.0.0", 8080))
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

  /**
   * What a server is made of. {@link #setup} takes what has no default; the rest defaults to
   * {@link ApiLimits#defaults()}, a {@link SimpleMeterRegistry}, no extra routes, {@code
   * 127.0.0.1} on a free port, webhook subscriptions without a dispatcher and the live tail's
   * default settings.
   */
  public static final class Setup {
    private final EngineAccess engine;
    private final Security security;
    private ApiLimits limits = ApiLimits.defaults();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private Consumer<Router> extraRoutes;
    private String host = "127.0.0.1";
    private int port;
    private Webhooks webhooks = Webhooks.withoutDispatcher(WebhookSettings.defaults());
    private AlertStreamSettings alertStream = AlertStreamSettings.defaults();

    private Setup(EngineAccess engine, Security security) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.security = Objects.requireNonNull(security, "security");
    }

    public Setup limits(ApiLimits limits) {
      this.limits = limits;
      return this;
    }

    public Setup meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    /** Mounted before the {@code /v1} resources (health, metrics, keys). */
    public Setup extraRoutes(Consumer<Router> extraRoutes) {
      this.extraRoutes = extraRoutes;
      return this;
    }

    /** Where to listen; {@code port} 0 picks a free port (see {@link VigilServer#port()}). */
    public Setup listen(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** Webhook delivery (the subscription resources wake its dispatcher). */
    public Setup webhooks(Webhooks webhooks) {
      this.webhooks = webhooks;
      return this;
    }

    /** The live tail's settings ({@code alerts.stream.*}). */
    public Setup alertStream(AlertStreamSettings alertStream) {
      this.alertStream = alertStream;
      return this;
    }
  }

  /**
   * A setup serving {@code engine} ({@link EngineAccess#of} for an {@link dev.vigil.engine.Engine};
   * tests pass doubles to simulate engine failures) behind {@code security}.
   */
  public static Setup setup(EngineAccess engine, Security security) {
    return new Setup(engine, security);
  }

  /** Starts a server as {@code setup} says. */
  public static Future<VigilServer> start(Vertx vertx, Setup setup) {
    Router router = router(vertx, setup);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(setup.host)
            .setPort(setup.port)
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

  static Router router(Vertx vertx, Setup setup) {
    Router router = Router.router(vertx);
    router.route().handler(VigilServer::requestId);
    router.route().failureHandler(Problems::sendFailure);
    router.errorHandler(404, ctx -> Problems.send(ctx,
        Problem.of(404, "not-found", "Not found", "No resource at " + ctx.request().path() + ".")));
    router.errorHandler(405, ctx -> Problems.send(ctx,
        Problem.of(405, "method-not-allowed", "Method not allowed",
            ctx.request().method() + " is not supported on " + ctx.request().path() + ".")));
    if (setup.extraRoutes != null) {
      setup.extraRoutes.accept(router);
    }
    BodyHandler body = BodyHandler.create(false).setBodyLimit(setup.limits.maxBodyBytes());
    definitionRoutes(router, vertx, setup, body);
    alertRoutes(router, vertx, setup, body);
    return router;
  }

  /** Events in, and what judges them: decisions, event types, rules, decision sets ({@code rules:*}). */
  private static void definitionRoutes(Router router, Vertx vertx, Setup setup, BodyHandler body) {
    EngineAccess engine = setup.engine;
    Security security = setup.security;
    IngestHandler ingest = new IngestHandler(vertx, engine, setup.limits, setup.meters, System::currentTimeMillis);
    RouteTable.withBody(router.post("/v1/events"), security.require("events:write"),
            IngestHandler.contentTypeCheck(), body)
        .handler(ingest);
    // Before every route with a path parameter: the router tries routes in order, and each such
    // route it tries builds a regex Matcher (~0.5 KB); behind the twenty of them, that was a fifth
    // of all the bytes a node allocated per decision.
    DecisionHandler decisions = new DecisionHandler(vertx, engine, setup.limits, setup.meters, System::currentTimeMillis);
    new RouteTable(router, body, security.require("decisions:read"), security.require("decisions:write"))
        .write(HttpMethod.POST, "/v1/decisions", DecisionHandler.contentTypeCheck(), decisions::decide)
        .read(HttpMethod.GET, "/v1/decisions", decisions::list)
        .read(HttpMethod.GET, "/v1/decisions/:event_id", decisions::get);
    EventTypeHandler eventTypes = new EventTypeHandler(vertx, engine, setup.limits);
    RuleHandler rules = new RuleHandler(vertx, engine, setup.limits);
    // Decision sets are rule-language definitions like rules: rules:read / rules:write.
    new RouteTable(router, body, security.require("rules:read"), security.require("rules:write"))
        .read(HttpMethod.GET, "/v1/event-types", eventTypes::list)
        .read(HttpMethod.GET, "/v1/event-types/:name", eventTypes::get)
        .write(HttpMethod.PUT, "/v1/event-types/:name", EventTypeHandler.contentTypeCheck(), eventTypes::put)
        .versionedSources("/v1/rules", rules.endpoints())
        .write(HttpMethod.POST, "/v1/rules/:id/enable", rules::enable)
        .write(HttpMethod.POST, "/v1/rules/:id/disable", rules::disable)
        .versionedSources("/v1/decision-sets", new DecisionSetHandler(vertx, engine, setup.limits).endpoints());
  }

  /** What comes out: alerts (their live tail, entity statistics, late events), subscriptions. */
  private static void alertRoutes(Router router, Vertx vertx, Setup setup, BodyHandler body) {
    EngineAccess engine = setup.engine;
    Security security = setup.security;
    AlertHandler alerts = new AlertHandler(vertx, engine);
    AlertStreamHandler tail = streamHandler(vertx, engine, setup.alertStream, setup.meters);
    RouteTable alertTable = new RouteTable(router, body, security.require("alerts:read"), security.require("alerts:write"))
        .read(HttpMethod.GET, "/v1/alerts", alerts::list);
    if (tail != null) {
      alertTable.read(HttpMethod.GET, "/v1/alerts/stream", tail::stream);
    }
    // Statistics are investigation data about the same entities alerts name: alerts:read.
    alertTable.read(HttpMethod.GET, "/v1/alerts/:id", alerts::get)
        .read(HttpMethod.GET, "/v1/entities/:type/:key/stats", new EntityStatsHandler(vertx, engine)::get)
        .read(HttpMethod.GET, "/v1/late-events", new LateEventHandler(vertx, engine)::list)
        .write(HttpMethod.POST, "/v1/alerts/:id/ack", alerts::acknowledge)
        .write(HttpMethod.POST, "/v1/alerts/:id/resolve", alerts::resolve);
    subscriptionRoutes(router, new SubscriptionHandler(vertx, engine, setup.webhooks), security, body);
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

  /**
   * A version-4 UUID from {@link ThreadLocalRandom}: a request id needs to be unique, not
   * unguessable, and {@code UUID.randomUUID} draws from the shared {@code SecureRandom} on the
   * event loop for every request.
   */
  static String randomRequestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }

  private static void requestId(RoutingContext ctx) {
    String id = ctx.request().getHeader("X-Request-Id");
    if (id == null || !SANE_REQUEST_ID.matcher(id).matches()) {
      id = randomRequestId();
    }
    ctx.put("requestId", id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }
}
