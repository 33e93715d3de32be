package dev.vigil.api.stats;

import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.EntityStats;
import dev.vigil.rules.schema.EventType;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/entities/{type}/{key}/stats}: the rolling statistics of one entity. {@code type}
 * is {@code user}, {@code card}, {@code device} or {@code merchant} (for {@code user_id}, {@code
 * card_id}, {@code device_id}, {@code merchant_id}) or the name of a key field declared by a
 * custom event type. Unknown types, key fields whose statistics the node does not keep and entities
 * without history are {@code 404} problems.
 */
public final class EntityStatsHandler {
  private static final Map<String, String> BUILT_IN =
      Map.of("user", "user_id", "card", "card_id", "device", "device_id", "merchant", "merchant_id");

  private final Vertx vertx;
  private final EngineAccess engine;

  public EntityStatsHandler(Vertx vertx, EngineAccess engine) {
    this.vertx = vertx;
    this.engine = engine;
  }

  public void get(RoutingContext ctx) {
    String type = ctx.pathParam("type");
    String key = ctx.pathParam("key");
    vertx.executeBlocking(() -> {
          String keyField = keyField(type);
          if (!engine.statisticsKept(keyField)) {
            throw new ProblemException(Problem.of(404, "statistics-not-kept", "Statistics not kept",
                "This node keeps no statistics for " + keyField + " (see stats.enabled and stats.entity_keys)."));
          }
          EntityStats stats = engine.entityStats(keyField, key).orElseThrow(() -> new ProblemException(
              Problem.of(404, "entity-not-found", "Entity not found",
                  "No statistics for " + keyField + " \"" + key + "\": no event carried it yet.")));
          return view(type, stats);
        }, false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private String keyField(String type) {
    String builtIn = BUILT_IN.get(type);
    if (builtIn != null) {
      return builtIn;
    }
    for (EventType t : engine.eventTypes().all()) {
      if (t.keys().contains(type)) {
        return type;
      }
    }
    throw new ProblemException(Problem.of(404, "unknown-entity-type", "Unknown entity type",
        "\"" + type + "\" is neither user, card, device, merchant nor a key field of a declared event type."));
  }

  static Map<String, Object> view(String type, EntityStats s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entity", Map.of("type", type, "key_field", s.keyField(), "key", s.key()));
    body.put("event_count", s.eventCount());
    body.put("first_seen", Instant.ofEpochMilli(s.firstSeen()).toString());
    body.put("last_seen", Instant.ofEpochMilli(s.lastSeen()).toString());
    body.put("as_of", Instant.ofEpochMilli(s.asOf()).toString());
    Map<String, Object> fields = new LinkedHashMap<>();
    s.fields().forEach((name, f) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", f.count());
      m.put("mean", f.mean());
      m.put("stddev", f.stddev());
      m.put("variance", f.variance());
      m.put("min", f.min());
      m.put("max", f.max());
      m.put("ewma", f.ewma());
      m.put("last_24h", window(f.last24h()));
      m.put("last_30d", window(f.last30d()));
      fields.put(name, m);
    });
    body.put("fields", fields);
    Map<String, Object> distinct = new LinkedHashMap<>();
    s.distinct().forEach((name, d) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lifetime", d.lifetime());
      m.put("lifetime_exact", d.lifetimeExact());
      m.put("last_30d", d.last30d());
      m.put("last_30d_exact", d.last30dExact());
      distinct.put(name, m);
    });
    body.put("distinct", distinct);
    return body;
  }

  private static Map<String, Object> window(EntityStats.WindowStats w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", w.count());
    m.put("sum", w.sum());
    m.put("mean", w.mean());
    m.put("stddev", w.stddev());
    return m;
  }
}
