package dev.vigil.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.ext.web.RoutingContext;

/** Writes successful JSON responses (errors go through {@link Problems}). */
public final class Responses {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private Responses() {}

  /**
   * Serializes {@code body} as JSON off the event loop (e.g. on the worker that computed it), for
   * {@link #jsonText}.
   */
  public static String render(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not render a response body", e);
    }
  }

  /** Ends the response with an already rendered JSON {@code text}. */
  public static void jsonText(RoutingContext ctx, int status, String text) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  /** Ends the response with {@code body} serialized as JSON; a serialization failure fails {@code ctx}. */
  public static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      ctx.fail(e);
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(text);
  }
}
