package dev.vigil.api;

import dev.vigil.api.auth.AdminBootstrap;
import dev.vigil.api.auth.ApiKeySecurity;
import dev.vigil.api.auth.KeyRegistry;
import dev.vigil.api.auth.KeyRoutes;
import dev.vigil.api.config.ConfigException;
import dev.vigil.api.config.RuleFiles;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.api.alerts.AlertFeed;
import dev.vigil.api.delivery.AddressGuard;
import dev.vigil.api.sinks.LogSink;
import dev.vigil.api.sinks.NdjsonFileSink;
import dev.vigil.api.sinks.SinkRunner;
import dev.vigil.api.sinks.SinkSettings;
import dev.vigil.api.delivery.RetryPolicy;
import dev.vigil.api.delivery.Scheduler;
import dev.vigil.api.delivery.WebhookDispatcher;
import dev.vigil.api.delivery.WebhookSender;
import dev.vigil.api.delivery.WebhookSettings;
import dev.vigil.api.delivery.Webhooks;
import dev.vigil.api.ops.HealthRoutes;
import dev.vigil.api.ops.MetricsRoutes;
import dev.vigil.api.ops.NodeMetrics;
import dev.vigil.api.ops.Readiness;
import dev.vigil.api.ops.RequestLog;
import dev.vigil.engine.Clock;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.Statistics;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One running Vigil node: engine, HTTP server, keys, health and metrics. {@link Main} runs one per
 * process; tests start as many as they like in-process.
 *
 * <pre>{@code
 * VigilConfig config = VigilConfig.fromEnv(Map.of("VIGIL_HTTP_PORT", "0", "VIGIL_DATA_DIR", dir));
 * try (Node node = Node.start(config)) {
 *   URI base = URI.create("http://localhost:" + node.port());
 *   String admin = node.adminKey().orElseThrow();
 * }
 * }</pre>
 *
 * <p>{@link #close()} is the graceful shutdown: readiness turns DOWN, the server stops accepting
 * and lets in-flight requests finish (at most {@code shutdown.drain_timeout}), then the engine
 * drains its queues and flushes the store.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  private final VigilConfig config;
  private final Readiness readiness;
  private final NodeMetrics metrics;
  private final Engine engine;
  private final Statistics statistics;
  private final Vertx vertx;
  private final VigilServer server;
  private final WebhookDispatcher dispatcher;
  private final List<SinkRunner> sinks;
  private final Optional<String> adminKey;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private Node(VigilConfig config, Readiness readiness, NodeMetrics metrics, Engine engine,
      Statistics statistics, Vertx vertx, VigilServer server, WebhookDispatcher dispatcher,
      List<SinkRunner> sinks, Optional<String> adminKey) {
    this.sinks = sinks;
    this.statistics = statistics;
    this.config = config;
    this.readiness = readiness;
    this.metrics = metrics;
    this.engine = engine;
    this.vertx = vertx;
    this.server = server;
    this.dispatcher = dispatcher;
    this.adminKey = adminKey;
  }

  /** Starts a node; a generated admin key is printed to {@link System#out}. */
  public static Node start(VigilConfig config) throws StartupException {
    return start(config, System.out);
  }

  /** Starts a node, printing a generated admin key (if any) to {@code console}. */
  public static Node start(VigilConfig config, PrintStream console) throws StartupException {
    long t0 = System.nanoTime();
    logConfig(config);
    Path dataDir = config.data().dir();
    List<RuleFile> rules = prepare(config, dataDir);
    NodeMetrics metrics = new NodeMetrics(dataDir);
    Engine engine = null;
    Statistics statistics = null;
    Vertx vertx = null;
    WebhookDispatcher dispatcher = null;
    List<SinkRunner> sinks = new java.util.ArrayList<>();
    try {
      statistics = startStatistics(config);
      engine = startEngine(config, rules, metrics, statistics);
      KeyRegistry keys = new KeyRegistry(engine.apiKeys());
      Optional<String> adminKey =
          AdminBootstrap.ensure(keys, config.auth().adminKey(), dataDir, console, Clock.system());
      Readiness readiness = new Readiness();
      readiness.markRecovering(engine::recovery);
      vertx = Vertx.vertx();
      dispatcher = startWebhooks(config, vertx, engine, metrics);
      startSinks(config, engine, sinks);
      Webhooks webhooks = new Webhooks(config.webhooks(), new AddressGuard(config.webhooks().allowlist()), dispatcher);
      VigilServer server = listen(config, vertx, engine, keys, readiness, metrics, webhooks);
      awaitRecovery(engine, server.port());
      readiness.markReady();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      LOG.atInfo().addKeyValue("port", server.port()).addKeyValue("startup_ms", ms)
          .log("Vigil started on http://{}:{} in {} ms", config.http().host(), server.port(), ms);
      return new Node(config, readiness, metrics, engine, statistics, vertx, server, dispatcher, sinks, adminKey);
    } catch (StartupException e) {
      sinks.forEach(SinkRunner::close);
      cleanUp(dispatcher, vertx, engine, statistics, metrics);
      throw e;
    } catch (IOException e) {
      sinks.forEach(SinkRunner::close);
      cleanUp(dispatcher, vertx, engine, statistics, metrics);
      throw new StartupException("cannot write the generated admin key to " + dataDir + ": " + e, e);
    } catch (RuntimeException e) {
      sinks.forEach(SinkRunner::close);
      cleanUp(dispatcher, vertx, engine, statistics, metrics);
      throw new StartupException("startup failed: " + e, e);
    }
  }

  private static void logConfig(VigilConfig config) {
    LoggingEventBuilder line = LOG.atInfo();
    for (var e : config.describe().entrySet()) {
      line = line.addKeyValue(e.getKey(), e.getValue());
    }
    line.log("effective configuration");
  }

  private static List<RuleFile> prepare(VigilConfig config, Path dataDir) throws StartupException {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StartupException("cannot create data.dir " + dataDir + ": " + e, e);
    }
    try {
      List<RuleFile> rules = RuleFiles.load(config.rules().dir());
      LOG.atInfo().addKeyValue("rule_files", rules.size())
          .addKeyValue("source", config.rules().dir().map(Path::toString).orElse("bundled samples"))
          .log("loaded rule files");
      return rules;
    } catch (ConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  /** The statistics member, up before the engine folds into it; {@code null} when disabled. */
  private static Statistics startStatistics(VigilConfig config) throws StartupException {
    if (!config.stats().enabled()) {
      return null;
    }
    var c = config.cluster();
    try {
      long t0 = System.nanoTime();
      Statistics statistics = Statistics.start(new StatisticsConfig(c.name(), c.host(), c.port(), c.members(),
          config.stats().backupCount(), config.stats().cacheEntries(), config.stats().entityKeys(),
          config.stats().dimensions()));
      LOG.atInfo().addKeyValue("cluster", c.name())
          .addKeyValue("startup_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
          .log("statistics member started");
      return statistics;
    } catch (RuntimeException e) {
      throw new StartupException("cannot start the statistics member on " + c.host() + ":" + c.port()
          + ": " + e.getMessage(), e);
    }
  }

  private static Engine startEngine(VigilConfig config, List<RuleFile> rules, NodeMetrics metrics,
      Statistics statistics) throws StartupException {
    var s = config.engine();
    EngineConfig ec = new EngineConfig(config.data().dir(), rules, s.shards(), s.queueCapacity(),
        s.dedupHorizon(), s.durability(), Clock.system())
        .withDurabilityLimits(s.recoveryHorizon(), config.data().maxDiskBytes())
        .withHeapLimit(s.heapLimit())
        .withAllowedLateness(s.allowedLateness())
        .withIdleTimeout(s.idleTimeout())
        .withLateEventsLog(config.lateEvents().maxEntries(), config.lateEvents().retention());
    try {
      // Returns while a crash recovery replays the journal; see awaitRecovery.
      return Engine.open(ec, metrics.registry(), statistics);
    } catch (RuleLoadException e) {
      throw new StartupException("rule load error: " + e.getMessage(), e);
    } catch (StorageException e) {
      throw new StartupException("cannot open the store in data.dir " + config.data().dir()
          + " (is another node using it?): " + e.getMessage(), e);
    }
  }

  /**
   * Waits for the engine's journal replay with the server up (readiness answers 503 RECOVERING
   * with the progress meanwhile); a failed replay fails the start.
   */
  private static void awaitRecovery(Engine engine, int port) throws StartupException {
    try {
      if (!engine.recovery().done()) {
        LOG.atInfo().addKeyValue("port", port).log("recovering: replaying the journal before taking events");
      }
      while (!engine.awaitRecovered(Duration.ofSeconds(10))) {
        var r = engine.recovery();
        if (r.failure() != null) {
          throw new StartupException("journal recovery failed: " + r.failure(), null);
        }
        LOG.atInfo().addKeyValue("replayed", r.replayed()).addKeyValue("total", r.total())
            .log("recovering: {} of {} events replayed", r.replayed(), r.total());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted during journal recovery", e);
    }
  }

  /** Starts webhook delivery: resumes the outbox left by the last run, then follows new alerts. */
  private static WebhookDispatcher startWebhooks(VigilConfig config, Vertx vertx, Engine engine, NodeMetrics metrics) {
    WebhookSettings settings = config.webhooks();
    WebhookSender sender = new WebhookSender(vertx, new AddressGuard(settings.allowlist()), settings);
    WebhookDispatcher dispatcher = new WebhookDispatcher(engine.subscriptions(), engine.deliveries(), engine.alerts(),
        engine.decisions(), settings, sender, new RetryPolicy(settings, new SecureRandom()),
        Scheduler.singleThread("vigil-webhooks", Clock.system()), metrics.registry());
    dispatcher.start();
    return dispatcher;
  }

  /** Starts the log and NDJSON file sinks the config enables (docs/configuration.md, sinks.*). */
  private static void startSinks(VigilConfig config, Engine engine, List<SinkRunner> started) throws StartupException {
    SinkSettings s = config.sinks();
    if (!s.log() && s.file() == null) {
      return;
    }
    AlertFeed feed = new AlertFeed(engine.alerts());
    if (s.log()) {
      started.add(SinkRunner.start(new LogSink(), feed));
    }
    if (s.file() != null) {
      try {
        started.add(SinkRunner.start(new NdjsonFileSink(s), feed));
      } catch (IOException | RuntimeException e) {
        throw new StartupException("cannot open the alert file sink " + s.file() + ": " + e.getMessage(), e);
      }
    }
  }

  private static VigilServer listen(VigilConfig config, Vertx vertx, Engine engine, KeyRegistry keys,
      Readiness readiness, NodeMetrics metrics, Webhooks webhooks) throws StartupException {
    ApiKeySecurity security = new ApiKeySecurity(keys);
    KeyRoutes keyRoutes = new KeyRoutes(keys);
    Future<VigilServer> started = VigilServer.start(vertx, VigilServer.setup(EngineAccess.of(engine), security)
        .limits(config.limits())
        .meters(metrics.registry())
        .extraRoutes(router -> {
          router.route().handler(new RequestLog());
          HealthRoutes.mount(router, readiness);
          MetricsRoutes.mount(router, metrics.registry());
          keyRoutes.mount(router, security);
        })
        .listen(config.http().host(), config.http().port())
        .webhooks(webhooks)
        .alertStream(config.alertStream()));
    String where = config.http().host() + ":" + config.http().port();
    try {
      return started.toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason = cause instanceof BindException ? "address already in use" : String.valueOf(cause);
      throw new StartupException("cannot listen on " + where + ": " + reason, cause);
    } catch (TimeoutException e) {
      throw new StartupException("timed out starting the HTTP server on " + where, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while starting the HTTP server", e);
    }
  }

  /** The HTTP port (the bound one when the config asked for port 0). */
  public int port() {
    return server.port();
  }

  /** The admin key when it came from {@code auth.admin_key} or was generated by this start. */
  public Optional<String> adminKey() {
    return adminKey;
  }

  /** The node's meter registry (what {@code /metrics} serves). */
  public io.micrometer.core.instrument.MeterRegistry meters() {
    return metrics.registry();
  }

  public Engine engine() {
    return engine;
  }

  public Readiness readiness() {
    return readiness;
  }

  public VigilConfig config() {
    return config;
  }

  /** Graceful shutdown; safe to call more than once and from several threads. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitClosed();
      return;
    }
    long t0 = System.nanoTime();
    readiness.markStopping();
    LOG.info("shutting down: refusing new requests, finishing in-flight ones");
    try {
      Duration drain = config.shutdown().drainTimeout();
      await(server.close(), drain, "in-flight requests did not finish within shutdown.drain_timeout");
      // In-flight webhook attempts stay 'delivering' in the store and are retried on the next start.
      dispatcher.close();
      sinks.forEach(SinkRunner::close);
      engine.close();
      if (statistics != null) {
        statistics.close();
      }
      await(vertx.close(), Duration.ofSeconds(10), "Vert.x did not close within 10 s");
      metrics.close();
      LOG.atInfo().addKeyValue("shutdown_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
          .log("Vigil stopped");
    } finally {
      closed.countDown();
    }
  }

  private void awaitClosed() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(Future<Void> f, Duration timeout, String onTimeout) {
    try {
      f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(onTimeout);
    } catch (ExecutionException e) {
      LOG.warn("shutdown step failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void cleanUp(WebhookDispatcher dispatcher, Vertx vertx, Engine engine,
      Statistics statistics, NodeMetrics metrics) {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      try {
        engine.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the engine after a failed start failed", e);
      }
    }
    if (statistics != null) {
      statistics.close();
    }
    metrics.close();
  }
}
