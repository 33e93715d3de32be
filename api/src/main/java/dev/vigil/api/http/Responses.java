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
