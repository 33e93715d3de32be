package dev.vigil.api.lateevents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.QueryParams;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.LateEvent;
import dev.vigil.engine.LateEventPage;
import dev.vigil.engine.LateEventQuery;
import dev.vigil.rules.schema.EventType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/late-events}: the late-events log (accepted events the rules did not evaluate
 * because their shard's watermark had passed them), newest first, cursor-paginated, filtered by
 * {@code type} and arrival time {@code since}. Parameters are checked strictly, as for alerts.
 */
public final class LateEventHandler {
  private static final Set<String> PARAMS = Set.of("type", "since", "cursor", "limit");

  private final Vertx vertx;
  private final EngineAccess engine;

  public LateEventHandler(Vertx vertx, EngineAccess engine) {
    this.vertx = vertx;
    this.engine = engine;
  }

  /** One entry: the event as journaled, the watermark it missed and when it arrived. */
  public record LateEventView(
      long sequence,
      @JsonProperty("event_id") String eventId,
      String type,
      String timestamp,
      String watermark,
      @JsonProperty("arrived_at") String arrivedAt,
      Map<String, Object> fields,
      Map<String, Object> attributes) {

    static LateEventView of(LateEvent e) {
      return new LateEventView(
          e.sequence(), e.event().id(), e.event().type(), Timestamps.format(e.event().timestamp()),
          Timestamps.format(e.watermark()), Timestamps.format(e.arrivedAt()), e.event().fields(),
          e.event().attributes());
    }
  }

  /** The body of {@code GET /v1/late-events}. */
  public record LateEventList(
      @JsonProperty("late_events") List<LateEventView> lateEvents, @JsonProperty("next_cursor") String nextCursor) {}

  public void list(RoutingContext ctx) {
    LateEventQuery query = query(ctx.queryParams());
    vertx.executeBlocking(() -> page(query), false)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private LateEventList page(LateEventQuery query) {
    LateEventPage page;
    try {
      page = engine.lateEvents().query(query);
    } catch (IllegalArgumentException e) {
      throw QueryParams.badCursor();
    }
    return new LateEventList(page.events().stream().map(LateEventView::of).toList(), page.nextCursor());
  }

  /** Parses and checks the query parameters; throws a 400 problem naming the first bad one. */
  static LateEventQuery query(MultiMap params) {
    QueryParams.requireKnownAndSingle(params, PARAMS);
    String type = params.get("type");
    if (type != null && !EventType.isValidName(type)) {
      throw badParam("type", "must be an event type name");
    }
    Long since = QueryParams.time(params, "since");
    int limit = QueryParams.limit(params);
    String cursor = QueryParams.cursor(params);
    return new LateEventQuery(type, since, cursor, limit);
  }

  private static ProblemException badParam(String name, String reason) {
    return QueryParams.invalid(name, reason);
  }
}
