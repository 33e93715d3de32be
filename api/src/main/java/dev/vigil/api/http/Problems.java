package dev.vigil.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The one place that writes problem+json responses. */
public final class Problems {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  public static void send(RoutingContext ctx, Problem problem) {
    send(ctx, problem, null);
  }

  public static void send(RoutingContext ctx, Problem problem, Integer retryAfterSeconds) {
    HttpServerResponse res = ctx.response();
    if (res.ended() || res.headWritten()) {
      return;
    }
    String body;
    try {
      Problem p = problem;
      Object requestId = ctx.get("requestId");
      if (requestId != null && !p.extensions().containsKey("request_id")) {
        p = p.with("request_id", requestId);
      }
      body = JSON.writeValueAsString(p.body());
    } catch (JsonProcessingException e) {
      body = "{\"type\":\"about:blank\",\"title\":\"Internal error\",\"status\":500}";
    }
    res.setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json");
    if (retryAfterSeconds != null) {
      res.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    res.end(body);
  }

  /** Renders any failure: {@link ProblemException}s as themselves, other errors as 500. */
  public static void sendFailure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t instanceof ProblemException pe) {
      send(ctx, pe.problem(), pe.retryAfterSeconds());
      return;
    }
    int status = ctx.statusCode();
    if (status == 413) {
      send(ctx, Problem.of(413, "body-too-large", "Request body too large",
          "The request body exceeds the configured limit (limits.max_body_bytes)."));
    } else if (status >= 400 && status < 500) {
      send(ctx, Problem.of(status, "http-" + status, "Bad request", t == null ? null : t.getMessage()));
    } else {
      send(ctx, Problem.of(500, "internal", "Internal server error",
          "The server failed to handle the request; see its log for the request id."));
    }
  }
}
