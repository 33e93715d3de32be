package dev.vigil.api.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.Problems;
import dev.vigil.api.http.QueryParams;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertLifecycle;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.StoredAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /v1/alerts/stream}: the live tail, as Server-Sent Events. Each alert is an event
 * whose {@code id} is its store cursor; a client that reconnects with {@code Last-Event-ID} gets
 * every alert stored after that one, then new ones, without gaps or repeats. Without the header
 * the stream starts with the next alert stored. Filters as on {@code GET /v1/alerts} ({@code rule},
 * {@code entity_key}, {@code severity}, {@code status}).
 *
 * <p>Each client is an {@link AlertFollower}: it reads the store on a small worker pool, writes at
 * most {@code bufferBytes} ahead of the client, and waits for the client to drain; a client stuck
 * for {@code stallTimeout} is disconnected. Ingestion never waits for a client.
 */
public final class AlertStreamHandler {

  static final int PAGE = 100;
  private static final Set<String> PARAMS = Set.of("rule", "entity_key", "severity", "status");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final AlertFeed feed;
  private final AlertStreamSettings settings;
  private final WorkerExecutor workers;
  private final AtomicInteger clients = new AtomicInteger();
  private final Counter stalled;

  public AlertStreamHandler(Vertx vertx, AlertFeed feed, AlertStreamSettings settings, MeterRegistry meters) {
    this.vertx = vertx;
    this.feed = feed;
    this.settings = settings;
    // Store reads of all clients share two threads: they are short and must not crowd the
    // request handlers' worker pool.
    this.workers = vertx.createSharedWorkerExecutor("vigil-alert-stream", 2);
    this.stalled = Counter.builder("vigil.alerts.stream.disconnected")
        .description("Live-tail clients disconnected because they did not read").register(meters);
    meters.gauge("vigil.alerts.stream.clients", clients);
  }

  public void stream(RoutingContext ctx) {
    QueryParams.requireKnownAndSingle(ctx.queryParams(), PARAMS);
    AlertQuery filter = AlertHandler.query(ctx.queryParams());
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    if (lastEventId != null && (lastEventId.isBlank() || lastEventId.length() > 512)) {
      throw badLastEventId();
    }
    if (clients.incrementAndGet() > settings.maxClients()) {
      clients.decrementAndGet();
      Problems.send(ctx, Problem.of(503, "too-many-streams", "Too many streams",
          "This node serves at most " + settings.maxClients() + " live-tail connections; try again later."), 5);
      return;
    }
    Alerts alerts = feed.alerts();
    vertx.executeBlocking(() -> {
          if (lastEventId == null) {
            return alerts.lastCursor();
          }
          try {
            alerts.after(lastEventId, 1); // checks the cursor before the 200 is sent
          } catch (IllegalArgumentException e) {
            throw badLastEventId();
          }
          return lastEventId;
        }, false)
        .onSuccess(start -> new Client(ctx, filter, start).open())
        .onFailure(e -> {
          clients.decrementAndGet();
          ctx.fail(e);
        });
  }

  private static dev.vigil.api.http.ProblemException badLastEventId() {
    return QueryParams.invalid("Last-Event-ID", "is not an event id sent by this server");
  }

  /** One connected client. Fields are touched on the connection's event loop, except the follower. */
  private final class Client {
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final AlertQuery filter;
    private final String start;
    private final Context context;
    private final AtomicBoolean closed = new AtomicBoolean();
    private AlertFollower follower;
    private long heartbeatTimer = -1;

    Client(RoutingContext ctx, AlertQuery filter, String start) {
      this.ctx = ctx;
      this.response = ctx.response();
      this.filter = filter;
      this.start = start;
      this.context = vertx.getOrCreateContext();
    }

    void open() {
      if (response.closed()) { // the client left while the start was looked up
        clients.decrementAndGet();
        return;
      }
      response.setStatusCode(200)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-cache")
          .putHeader("X-Accel-Buffering", "no")
          .setChunked(true)
          .setWriteQueueMaxSize(settings.bufferBytes());
      response.closeHandler(v -> close());
      response.exceptionHandler(e -> close());
      ctx.request().connection().shutdownHandler(v -> close()); // server stopping: end the stream
      response.write("retry: 2000\n: connected\n\n");
      heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> heartbeat());
      Executor executor = task -> workers.executeBlocking(() -> {
        task.run();
        return null;
      }, false);
      follower = feed.follow(start, PAGE, executor, this::send, e -> context.runOnContext(v -> close()));
    }

    private void heartbeat() {
      if (!closed.get() && !response.writeQueueFull()) {
        response.write(": heartbeat\n\n");
      }
      if (follower != null) {
        follower.signal(); // a safety net only: the store signals every new alert
      }
    }

    /** Runs on a worker: renders the page, then writes it on the event loop. */
    private CompletionStage<Void> send(List<StoredAlert> page) {
      Buffer text = Buffer.buffer();
      for (StoredAlert s : page) {
        Alert a = s.alert();
        if (!matches(a)) {
          continue;
        }
        AlertLifecycle life = feed.alerts().lifecycle(a.alertId());
        if (filter.status() != null && life.status() != filter.status()) {
          continue;
        }
        text.appendString("id: ").appendString(s.cursor()).appendString("\nevent: alert.created\ndata: ")
            .appendString(json(AlertView.of(a, life))).appendString("\n\n");
      }
      CompletableFuture<Void> written = new CompletableFuture<>();
      context.runOnContext(v -> write(text, written));
      return written;
    }

    private void write(Buffer text, CompletableFuture<Void> written) {
      if (closed.get()) {
        written.completeExceptionally(new IllegalStateException("closed"));
        return;
      }
      if (text.length() > 0) {
        response.write(text);
      }
      if (!response.writeQueueFull()) {
        written.complete(null);
        return;
      }
      // The client is behind: wait for it to drain, or drop it after stallTimeout.
      long timer = vertx.setTimer(settings.stallTimeout().toMillis(), id -> {
        if (!closed.get()) {
          stalled.increment();
          ctx.request().connection().close();
          close();
        }
      });
      response.drainHandler(d -> {
        vertx.cancelTimer(timer);
        response.drainHandler(null);
        written.complete(null);
      });
    }

    private boolean matches(Alert a) {
      return (filter.ruleId() == null || filter.ruleId().equals(a.ruleId()))
          && (filter.severity() == null || filter.severity().equals(a.severity()))
          && (filter.entityKey() == null || filter.entityKey().equals(a.entity().key()));
    }

    private void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      clients.decrementAndGet();
      if (heartbeatTimer >= 0) {
        vertx.cancelTimer(heartbeatTimer);
      }
      if (follower != null) {
        feed.stop(follower);
      }
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
  }

  private static String json(AlertView view) {
    try {
      return JSON.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
