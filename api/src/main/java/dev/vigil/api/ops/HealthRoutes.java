package dev.vigil.api.ops;

import dev.vigil.api.http.Problem;
import dev.vigil.api.http.Problems;
import io.vertx.ext.web.Router;

/**
 * Probes, without authentication.
 *
 * <pre>
 * GET /health/live   -> 200 {"status":"UP"} while the process serves HTTP at all
 * GET /health/ready  -> 200 {"status":"UP"} when the engine runs and no shutdown has begun,
 *                       else 503 problem+json with "state": "STARTING" or "STOPPING"
 * </pre>
 */
public final class HealthRoutes {
  private static final String UP = "{\"status\":\"UP\"}";

  private HealthRoutes() {}

  public static void mount(Router router, Readiness readiness) {
    router.get("/health/live").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(UP));
    router.get("/health/ready").handler(ctx -> {
      Readiness.State state = readiness.state();
      if (state == Readiness.State.READY) {
        ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(UP);
        return;
      }
      String detail = state == Readiness.State.STARTING
          ? "The node is starting." : "The node is shutting down.";
      ctx.response().putHeader("Cache-Control", "no-store");
      Problems.send(ctx, Problem.of(503, "not-ready", "Not ready", detail)
          .with("state", state.name()));
    });
  }
}
