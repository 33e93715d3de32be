package dev.vigil.api.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Gives every request an id and writes one access-log line when it ends.
 *
 * <p>The id is the one an earlier handler put in {@code ctx.get("requestId")}, else the caller's
 * {@code X-Request-Id} when it is a short token (so that ids flow through proxies), else 16 random
 * hex digits. It is stored as {@code ctx.get("requestId")} (which {@code
 * Problems} copies into problem bodies), echoed in the {@code X-Request-Id} response header, and
 * set as MDC {@code request_id} while the synchronous part of the routing runs.
 *
 * <p>Lines go to the logger {@value #LOGGER} at INFO, health probes and metric scrapes at DEBUG:
 * {@code msg="POST /v1/events 202" method=POST path=/v1/events status=202 duration_ms=3}.
 */
public final class RequestLog implements Handler<RoutingContext> {
  /** Logger name of the access log, so that operators can raise or lower it on its own. */
  public static final String LOGGER = "vigil.access";
  /** Routing-context key of the request id. */
  public static final String REQUEST_ID = "requestId";

  private static final String LOGGED = "vigil.requestLogged";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.get(LOGGED) != null) {
      ctx.next(); // re-routed: the first pass already logs this request
      return;
    }
    ctx.put(LOGGED, Boolean.TRUE);
    String id = ctx.get(REQUEST_ID);
    if (id == null) {
      String given = ctx.request().getHeader("X-Request-Id");
      id = given != null && CALLER_ID.matcher(given).matches() ? given : newId();
      ctx.put(REQUEST_ID, id);
      ctx.response().putHeader("X-Request-Id", id);
    }
    long start = System.nanoTime();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    String rid = id;
    ctx.addEndHandler(ar -> log(rid, method, path, ctx.response().getStatusCode(), start, ar.failed()));
    MDC.put("request_id", rid);
    try {
      ctx.next();
    } finally {
      MDC.remove("request_id");
    }
  }

  private static void log(String id, String method, String path, int status, long start, boolean reset) {
    Level level = path.startsWith("/health/") || path.equals("/metrics") ? Level.DEBUG : Level.INFO;
    if (!LOG.isEnabledForLevel(level)) {
      return;
    }
    long micros = (System.nanoTime() - start) / 1000;
    LOG.atLevel(level)
        .addKeyValue("request_id", id)
        .addKeyValue("method", method)
        .addKeyValue("path", path)
        .addKeyValue("status", reset ? "reset" : Integer.toString(status))
        // Not String.format: it parses its pattern per call, most of this line's cost.
        .addKeyValue("duration_ms", java.math.BigDecimal.valueOf(micros, 3).toPlainString())
        .log("{} {} {}", method, path, reset ? "connection reset" : status);
  }

  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }
}
