package dev.vigil.api.ingest;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.PendingLimit;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.Admission;
import dev.vigil.engine.Event;
import dev.vigil.engine.InsufficientStorageException;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/events}: parses the body, validates each item, hands the valid ones to the
 * engine in one call and answers {@code 202} with per-item results. Parsing, validation and the
 * engine's durable write run on a worker thread; the event loop only moves bytes.
 */
public final class IngestHandler implements Handler<RoutingContext> {
  /** Seconds a client should wait after a 503 that has no better estimate. */
  static final int UNAVAILABLE_RETRY_SECONDS = 5;

  private final Vertx vertx;
  private final EngineAccess engine;
  private final EventBodyParser parser;
  private final EventConverter converter;
  private final IngestMetrics metrics;
  private final PendingLimit pending;

  public IngestHandler(
      Vertx vertx, EngineAccess engine, ApiLimits limits, MeterRegistry meters, LongSupplier nowMillis) {
    this.vertx = vertx;
    this.engine = engine;
    this.parser = new EventBodyParser(limits);
    this.converter = new EventConverter(limits, engine.eventTypes(), nowMillis);
    this.metrics = new IngestMetrics(meters);
    this.pending = new PendingLimit(limits.maxPendingRequests());
  }

  /**
   * Answers {@code 415} unless the request is JSON or NDJSON; runs before the body is read.
   */
  public static Handler<RoutingContext> contentTypeCheck() {
    return ctx -> {
      if (BodyFormat.fromContentType(ctx.request().getHeader("Content-Type")) == null) {
        ctx.fail(new ProblemException(
            Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Send events as application/json (an object or an array) or application/x-ndjson, UTF-8.")));
        return;
      }
      ctx.next();
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> metrics.answered(ctx.response().getStatusCode(), System.nanoTime() - start));
    BodyFormat format = BodyFormat.fromContentType(ctx.request().getHeader("Content-Type"));
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    metrics.body(body.length);
    pending.submit(vertx, () -> process(body, format), "nothing of the batch was accepted")
        .onSuccess(response -> Responses.json(ctx, 202, response))
        .onFailure(ctx::fail);
  }

  /** Runs on a worker thread. Throws {@link ProblemException} for whole-request failures. */
  IngestResponse process(byte[] body, BodyFormat format) {
    List<BodyItem> items = parser.parse(body, format);
    List<IngestResponse.Rejected> rejected = new ArrayList<>();
    List<Event> good = new ArrayList<>(items.size());
    List<Integer> goodIndex = new ArrayList<>(items.size());
    for (BodyItem item : items) {
      if (!item.errors().isEmpty()) {
        rejected.add(new IngestResponse.Rejected(item.index(), null, item.errors()));
        continue;
      }
      EventConverter.Conversion c = converter.convert(item.value());
      if (c.ok()) {
        good.add(c.event());
        goodIndex.add(item.index());
      } else {
        rejected.add(new IngestResponse.Rejected(
            item.index(), converter.eventIdHint(item.value()), c.errors()));
      }
    }
    List<Admission> admissions = good.isEmpty() ? List.of() : admit(good);
    int accepted = 0;
    List<IngestResponse.DuplicateItem> duplicates = new ArrayList<>();
    List<IngestResponse.LateItem> late = new ArrayList<>();
    for (int i = 0; i < admissions.size(); i++) {
      Admission a = admissions.get(i);
      if (a.accepted()) {
        accepted++;
        if (a == Admission.ACCEPTED_LATE) {
          late.add(new IngestResponse.LateItem(goodIndex.get(i), good.get(i).id()));
        }
      } else {
        duplicates.add(new IngestResponse.DuplicateItem(goodIndex.get(i), good.get(i).id()));
      }
    }
    metrics.batch(items.size(), accepted, duplicates.size(), rejected.size());
    return new IngestResponse(accepted, duplicates.size(), late.size(), rejected, duplicates, late,
        engine.durability().name().toLowerCase(java.util.Locale.ROOT));
  }

  private List<Admission> admit(List<Event> events) {
    List<Admission> admissions;
    try {
      admissions = engine.ingest(events);
    } catch (OverloadedException e) {
      if (e.recovering()) {
        throw new ProblemException(
            Problem.of(503, "recovering", "Service unavailable",
                "The node is replaying its journal after a restart; nothing of this batch was accepted."),
            Math.max(1, e.retryAfterSeconds()));
      }
      if (e.shuttingDown()) {
        throw new ProblemException(
            Problem.of(503, "unavailable", "Service unavailable",
                "The node is shutting down; nothing of this batch was accepted."),
            Math.max(1, e.retryAfterSeconds()));
      }
      throw new ProblemException(
          Problem.of(429, "overloaded", "Too many events",
              "The engine's queues are full; nothing of this batch was accepted. Retry later."),
          Math.max(1, e.retryAfterSeconds()));
    } catch (InsufficientStorageException e) {
      throw new ProblemException(
          Problem.of(507, "insufficient-storage", "Insufficient storage",
              "The node's store is at its disk budget; nothing of this batch was accepted. Retry later."),
          Math.max(1, e.retryAfterSeconds()));
    } catch (StorageException e) {
      throw new ProblemException(
          Problem.of(503, "storage-unavailable", "Storage unavailable",
              "The event journal could not be written; nothing of this batch was accepted."),
          UNAVAILABLE_RETRY_SECONDS);
    }
    if (admissions.size() != events.size()) {
      throw new IllegalStateException(
          "engine returned " + admissions.size() + " admissions for " + events.size() + " events");
    }
    return admissions;
  }
}
