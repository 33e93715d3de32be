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
 *                       else 503 problem+json with "state": "STARTING", "RECOVERING" (with
 *                       "recovery": {"replayed", "total", "rebuild", "catch_up"}) or "STOPPING"
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
      String detail = switch (state) {
        case STARTING -> "The node is starting.";
        case RECOVERING -> "The node is replaying its journal after a restart.";
        default -> "The node is shutting down.";
      };
      ctx.response().putHeader("Cache-Control", "no-store");
      Problem problem = Problem.of(503, "not-ready", "Not ready", detail).with("state", state.name());
      dev.vigil.engine.Recovery r = readiness.recovery();
      if (r != null) {
        java.util.Map<String, Object> progress = new java.util.LinkedHashMap<>();
        progress.put("replayed", r.replayed());
        progress.put("total", r.total());
        progress.put("rebuild", r.rebuildEvents());
        progress.put("catch_up", r.catchUpEvents());
        if (r.failure() != null) {
          progress.put("failure", r.failure());
        }
        problem = problem.with("recovery", progress);
      }
      Problems.send(ctx, problem);
    });
  }
}
