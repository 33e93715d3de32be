package dev.vigil.api.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics}: the node's meters in the Prometheus text format (version 0.0.4). No
 * authentication: the endpoint exposes counts and timings, never event data or keys; operators
 * who must hide it bind {@code http.host} to a private interface or filter the path at their
 * proxy (see {@code docs/configuration.md}).
 */
public final class MetricsRoutes {
  /** The Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoutes() {}

  public static void mount(Router router, PrometheusMeterRegistry registry) {
    router.get("/metrics").handler(ctx -> ctx.vertx()
        .executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response()
            .putHeader("Content-Type", CONTENT_TYPE)
            .end(text))
        .onFailure(ctx::fail));
  }
}
