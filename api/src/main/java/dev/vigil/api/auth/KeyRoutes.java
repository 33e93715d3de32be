package dev.vigil.api.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Problems;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.ApiKeyRecord;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Key management, admin only.
 *
 * <pre>
 * POST   /v1/keys        {"name":"checkout","scopes":["events:write"]}
 *                        -> 201 {id, key, name, scopes, created_at}   (key shown only here)
 * GET    /v1/keys        -> 200 {"keys":[{id, name, scopes, created_at, revoked_at, active}]}
 * DELETE /v1/keys/{id}   -> 204, or 404 when no key has this id
 * </pre>
 */
public final class KeyRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_NAME = 200;

  private final KeyRegistry keys;

  public KeyRoutes(KeyRegistry keys) {
    this.keys = keys;
  }

  public void mount(Router router, Security security) {
    // Vert.x wants the body handler before user handlers; a 16 KiB body is cheap to read first.
    router.post("/v1/keys").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(security.require(Scopes.ADMIN)).handler(this::create)
        .failureHandler(Problems::sendFailure);
    router.get("/v1/keys").handler(security.require(Scopes.ADMIN)).handler(this::list)
        .failureHandler(Problems::sendFailure);
    router.delete("/v1/keys/:id").handler(security.require(Scopes.ADMIN)).handler(this::revoke)
        .failureHandler(Problems::sendFailure);
  }

  private void create(RoutingContext ctx) {
    Request req;
    try {
      req = parse(ctx);
    } catch (ProblemException e) {
      Problems.send(ctx, e.problem());
      return;
    }
    blocking(ctx, () -> keys.create(req.name(), req.scopes())).onSuccess(issued -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", issued.record().id());
      body.put("key", issued.key());
      body.putAll(view(issued.record()));
      ctx.response().putHeader("Location", "/v1/keys/" + issued.record().id());
      Responses.json(ctx, 201, body);
    });
  }

  private void list(RoutingContext ctx) {
    blocking(ctx, keys::list).onSuccess(all -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ApiKeyRecord r : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.putAll(view(r));
        out.add(m);
      }
      Responses.json(ctx, 200, Map.of("keys", out));
    });
  }

  private void revoke(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, () -> keys.revoke(id)).onSuccess(found -> {
      if (found.isEmpty()) {
        Problems.send(ctx, Problem.of(404, "key-not-found", "API key not found",
            "No API key has the id '" + id + "'.").with("id", id));
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private record Request(String name, Set<String> scopes) {}

  private static Request parse(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ProblemException(Problem.of(415, "unsupported-media-type",
          "Unsupported media type", "Send the key as application/json."));
    }
    JsonNode root;
    try {
      root = JSON.readTree(ctx.body().asString("UTF-8"));
    } catch (JacksonException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
          e.getOriginalMessage()));
    }
    List<Map<String, String>> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw invalid(List.of(error("", "expected a JSON object")));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("name") && !f.equals("scopes")) {
        errors.add(error(f, "unknown field; expected name and scopes"));
      }
    }
    JsonNode name = root.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      errors.add(error("name", "required: a non-empty string"));
    } else if (name.asText().length() > MAX_NAME) {
      errors.add(error("name", "longer than " + MAX_NAME + " characters"));
    }
    Set<String> scopes = scopes(root.get("scopes"), errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new Request(name.asText().trim(), scopes);
  }

  private static Set<String> scopes(JsonNode node, List<Map<String, String>> errors) {
    Set<String> scopes = new TreeSet<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      errors.add(error("scopes", "required: a non-empty array of scopes, e.g. [\"events:write\"]"));
      return scopes;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      if (!s.isTextual() || !Scopes.ALL.contains(s.asText())) {
        errors.add(error("scopes[" + i + "]", "unknown scope " + s
            + "; known scopes: " + String.join(", ", new TreeSet<>(Scopes.ALL))));
      } else {
        scopes.add(s.asText());
      }
    }
    return scopes;
  }

  private static Map<String, String> error(String field, String reason) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("reason", reason);
    return m;
  }

  private static ProblemException invalid(List<Map<String, String>> errors) {
    return new ProblemException(Problem.of(400, "invalid-request", "Invalid request",
        "The key request has " + errors.size() + " error(s).").with("errors", errors));
  }

  private static Map<String, Object> view(ApiKeyRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("scopes", new TreeSet<>(r.scopes()));
    m.put("created_at", Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("revoked_at", r.revokedAt() == null ? null : Instant.ofEpochMilli(r.revokedAt()).toString());
    m.put("active", r.active());
    return m;
  }

  /** Runs a store call off the event loop; failures become problem responses. */
  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> call) {
    return ctx.vertx().executeBlocking(call, false).onFailure(ctx::fail);
  }
}
