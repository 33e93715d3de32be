package dev.vigil.api.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.auth.ApiKeySecurity;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.api.ingest.EventReader;
import dev.vigil.api.rules.RuleRequests;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionSetHistory;
import dev.vigil.engine.Decisions;
import dev.vigil.engine.NoDecisionException;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.rules.RuleException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code /v1/decision-sets}: validate and dry-run drafts, deploy versions, list, read, roll back
 * and delete decision sets, mirroring {@code /v1/rules}. Compiling and building KieBases (seconds)
 * run on worker threads; the requests that decide never wait for them.
 */
public final class DecisionSetHandler {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  private static final String DRAFT = "source.vgl";
  /** Dry runs accept events up to this far ahead of the wall clock (test data may be anywhere in time). */
  private static final long DRY_RUN_SKEW_MILLIS = 100L * 365 * 24 * 3600 * 1000;

  private final Vertx vertx;
  private final EngineAccess engine;
  private final ApiLimits limits;
  private final RuleRequests requests;

  public DecisionSetHandler(Vertx vertx, EngineAccess engine, ApiLimits limits) {
    this.vertx = vertx;
    this.engine = engine;
    this.limits = limits;
    this.requests = new RuleRequests(limits);
  }

  public void validate(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      String source = requests.source(ctx, body);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("valid", true);
      m.put("decisions", changing(DRAFT, source, () -> decisions().validate(source)).stream()
          .map(DecisionSetView::plan).toList());
      return m;
    });
  }

  public void test(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      JsonNode request = requests.object(body);
      String source = RuleRequests.source(request);
      JsonNode events = request.get("events");
      if (events == null || !events.isArray()) {
        throw RuleRequests.invalidBody("The JSON body needs an array member \"events\".");
      }
      if (events.size() > limits.maxBatchEvents()) {
        throw new ProblemException(Problem.of(413, "batch-too-large", "Too many events",
            "A dry run takes at most " + limits.maxBatchEvents() + " events.")
            .with("max_batch_events", limits.maxBatchEvents()));
      }
      Map<String, Object> given = DecisionSetView.given(request.get("inputs"));
      List<JsonNode> items = new ArrayList<>();
      events.forEach(items::add);
      EventReader.Result read = new EventReader(limits, engine.eventTypes(),
          () -> System.currentTimeMillis() + DRY_RUN_SKEW_MILLIS).read(items);
      if (!read.rejected().isEmpty()) {
        throw new ProblemException(Problem.of(422, "invalid-events", "Invalid events",
            read.rejected().size() + " of " + items.size() + " events are invalid; nothing was run.")
            .with("rejected", read.rejected()));
      }
      List<Decision> out = changing(DRAFT, source, () -> {
        try {
          return decisions().test(source, read.events(), given);
        } catch (NoDecisionException e) {
          throw new ProblemException(Problem.of(422, "no-decision", "No decision for this event", e.getMessage() + "."));
        }
      });
      return Map.of("events", read.events().size(), "decisions", out.stream().map(DecisionView::entry).toList());
    });
  }

  public void list(RoutingContext ctx) {
    blocking(ctx, 200, () -> Map.of("decision_sets",
        decisions().sets().stream().map(h -> DecisionSetView.set(h, false)).toList()));
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> DecisionSetView.set(existing(id), true));
  }

  public void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> DecisionSetView.versions(existing(id)));
  }

  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw new ProblemException(Problem.of(400, "invalid-decision-set", "Invalid decision set",
          "A decision set id is 1-64 characters: a lower-case letter, then lower-case letters, digits, '_' or '-'."));
    }
    byte[] body = body(ctx);
    Object author = ctx.get(ApiKeySecurity.KEY_ID);
    vertx.executeBlocking(() -> {
          String source = requests.source(ctx, body);
          Decisions.Change c = changing(id + ".vgl", source,
              () -> decisions().deploy(id, source, author == null ? "unknown" : author.toString()));
          return Map.entry(c.created(), DecisionSetView.set(c.set(), true));
        }, false)
        .onSuccess(r -> {
          if (r.getKey()) {
            ctx.response().putHeader("Location", "/v1/decision-sets/" + id);
          }
          Responses.json(ctx, r.getKey() ? 201 : 200, r.getValue());
        })
        .onFailure(ctx::fail);
  }

  public void rollback(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      JsonNode v = requests.object(body).get("version");
      if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
        throw RuleRequests.invalidBody("The JSON body needs a positive integer member \"version\".");
      }
      return DecisionSetView.set(changing(null, null, () -> decisions().rollback(id, v.asInt())), true);
    });
  }

  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> changing(null, null, () -> decisions().delete(id)), false)
        .onSuccess(r -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** A call that may refuse the source or the change. */
  @FunctionalInterface
  private interface Change<T> {
    T call() throws RuleException, RuleChangeException;
  }

  /** Runs {@code change}, mapping compile errors and refusals to problems. */
  private static <T> T changing(String fileName, String source, Change<T> change) {
    try {
      return change.call();
    } catch (RuleException e) {
      throw RuleRequests.invalidRule(e, fileName, source);
    } catch (RuleChangeException e) {
      throw new ProblemException(switch (e.reason()) {
        case NOT_FOUND -> Problem.of(404, "decision-set-not-found", "Decision set not found", e.getMessage());
        case READ_ONLY -> Problem.of(409, "decision-set-read-only", "Decision set is read-only", e.getMessage());
        case CONFLICT -> Problem.of(409, "decision-set-conflict", "Decision set conflict", e.getMessage());
        case INVALID -> Problem.of(400, "invalid-decision-set", "Invalid decision set", e.getMessage());
      });
    }
  }

  private DecisionSetHistory existing(String id) {
    return decisions().set(id).orElseThrow(() -> new ProblemException(Problem.of(404, "decision-set-not-found",
        "Decision set not found", "No decision set \"" + (id.length() > 64 ? id.substring(0, 64) + "..." : id)
            + "\".")));
  }

  private Decisions decisions() {
    return engine.decisions();
  }

  private static byte[] body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  private <T> void blocking(RoutingContext ctx, int status, Callable<T> work) {
    vertx.executeBlocking(work, false)
        .onSuccess(body -> Responses.json(ctx, status, body))
        .onFailure(ctx::fail);
  }
}
