package dev.vigil.api.eventtypes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.EventBodyParser;
import dev.vigil.engine.EventTypeConflictException;
import dev.vigil.rules.schema.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/event-types}: list, read and declare event types. Declaring is idempotent: the same
 * declaration again answers {@code 200}, a different one for an existing name {@code 409}.
 */
public final class EventTypeHandler {
  private final Vertx vertx;
  private final EngineAccess engine;
  private final ObjectMapper json;

  public EventTypeHandler(Vertx vertx, EngineAccess engine, ApiLimits limits) {
    this.vertx = vertx;
    this.engine = engine;
    this.json =
        JsonMapper.builder(EventBodyParser.strictFactory(limits))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
  }

  /** Answers {@code 415} unless the request body is declared as JSON. */
  public static io.vertx.core.Handler<RoutingContext> contentTypeCheck() {
    return ctx -> {
      String header = ctx.request().getHeader("Content-Type");
      String media = header == null ? "" : header.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (!media.equals("application/json")) {
        ctx.fail(new ProblemException(
            Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Send the declaration as application/json.")));
        return;
      }
      ctx.next();
    };
  }

  public void list(RoutingContext ctx) {
    vertx.executeBlocking(
            () -> Map.of("event_types",
                engine.eventTypes().all().stream().map(EventTypeView::of).toList()),
            false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    vertx.executeBlocking(
            () -> engine.eventTypes().get(name).map(EventTypeView::of)
                .orElseThrow(() -> notFound(name)),
            false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  public void put(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    vertx.executeBlocking(() -> declare(name, body), false)
        .onSuccess(created -> {
          if (created.created()) {
            ctx.response().putHeader("Location", "/v1/event-types/" + name);
          }
          Responses.json(ctx, created.created() ? 201 : 200, created.view());
        })
        .onFailure(ctx::fail);
  }

  private record Declared(boolean created, EventTypeView view) {}

  private Declared declare(String name, byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          Problem.of(400, "malformed-json", "Malformed JSON", e.getOriginalMessage()));
    } catch (java.io.IOException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", e.getMessage()));
    }
    EventTypeDeclaration.Result result = EventTypeDeclaration.read(name, node);
    if (!result.problems().isEmpty()) {
      List<Map<String, String>> errors = result.problems().stream()
          .map(p -> Map.of("field", p.getKey(), "reason", p.getValue()))
          .toList();
      throw new ProblemException(
          Problem.of(400, "invalid-event-type", "Invalid event type declaration",
                  errors.size() + " problem(s) in the declaration of \"" + name + "\".")
              .with("errors", errors));
    }
    EventType type = result.type();
    try {
      boolean created = engine.eventTypes().declare(type);
      return new Declared(created, EventTypeView.of(type));
    } catch (EventTypeConflictException e) {
      throw new ProblemException(
          Problem.of(409, "event-type-conflict", "Event type conflict", e.getMessage()));
    }
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(
        Problem.of(404, "event-type-not-found", "Event type not found",
            "No event type named \"" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) + "\"."));
  }
}
