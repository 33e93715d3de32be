package dev.vigil.api.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.auth.ApiKeySecurity;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.rules.RuleException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The HTTP side of a resource made of versioned rule-language sources ({@code /v1/rules}, {@code
 * /v1/decision-sets}): validate and dry-run drafts, deploy versions, list, read, show versions,
 * roll back and delete. What differs between the resources comes from a {@link VersionedSources};
 * the wording of refusals from a {@link Kind}. Compiling and storing run on worker threads.
 *
 * @param <H> the resource's version history
 */
public final class VersionedSourceHandler<H> {

  /** The file name compile errors of a draft (validate, test) are reported against. */
  private static final String DRAFT = "source.vgl";

  private final Vertx vertx;
  private final ApiLimits limits;
  private final RuleRequests requests;
  private final Kind kind;
  private final VersionedSources<H> sources;

  public VersionedSourceHandler(Vertx vertx, ApiLimits limits, Kind kind, VersionedSources<H> sources) {
    this.vertx = vertx;
    this.limits = limits;
    this.requests = new RuleRequests(limits);
    this.kind = kind;
    this.sources = sources;
  }

  /**
   * How problems name the resource: {@code noun} "rule" gives {@code rule-not-found} "Rule not
   * found", {@code rule-read-only}, {@code rule-conflict}; {@code invalidType}/{@code
   * invalidTitle} name an invalid change request.
   *
   * @param noun lower case, e.g. "decision set"
   * @param path the collection, e.g. {@code /v1/rules} (for {@code Location})
   */
  public record Kind(String noun, String path, String invalidType, String invalidTitle) {

    String slug() {
      return noun.replace(' ', '-');
    }

    String title() {
      return noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1);
    }
  }

  /** A call that may refuse the source or the change. */
  @FunctionalInterface
  public interface Change<T> {
    T call() throws RuleException, RuleChangeException;
  }

  /** 415 unless text/plain or JSON; for the endpoints that take source. */
  public static Handler<RoutingContext> sourceContentType() {
    return RuleRequests.contentTypeCheck(true);
  }

  /** 415 unless JSON. */
  public static Handler<RoutingContext> jsonContentType() {
    return RuleRequests.contentTypeCheck(false);
  }

  public void validate(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      String source = requests.source(ctx, body);
      return changing(DRAFT, source, () -> sources.validate(source));
    });
  }

  public void test(RoutingContext ctx) {
    byte[] body = body(ctx);
    blocking(ctx, 200, () -> {
      JsonNode request = requests.object(body);
      String source = RuleRequests.source(request);
      DryRunEvents events = DryRunEvents.of(request, limits);
      return changing(DRAFT, source, () -> sources.dryRun(source, request, events));
    });
  }

  public void list(RoutingContext ctx) {
    blocking(ctx, 200, sources::list);
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> sources.detail(existing(id)));
  }

  public void versions(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> sources.versions(existing(id)));
  }

  public void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    sources.checkId(id);
    byte[] body = body(ctx);
    Object author = ctx.get(ApiKeySecurity.KEY_ID);
    vertx.executeBlocking(() -> {
          String source = requests.source(ctx, body);
          VersionedSources.Deployed<H> d = changing(id + ".vgl", source,
              () -> sources.deploy(id, source, author == null ? "unknown" : author.toString()));
          return Map.entry(d.created(), sources.detail(d.history()));
        }, false)
        .onSuccess(r -> {
          if (r.getKey()) {
            ctx.response().putHeader("Location", kind.path() + "/" + id);
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
      return sources.detail(changing(null, null, () -> sources.rollback(id, v.asInt())));
    });
  }

  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> changing(null, null, () -> {
          sources.delete(id);
          return id;
        }), false)
        .onSuccess(r -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** Answers {@code 200} with the resource's view after {@code change}, or its refusal as a problem. */
  public void change(RoutingContext ctx, Change<H> change) {
    blocking(ctx, 200, () -> sources.detail(changing(null, null, change)));
  }

  /** Runs {@code change}, mapping compile errors (against {@code fileName}) and refusals to problems. */
  private <T> T changing(String fileName, String source, Change<T> change) {
    try {
      return change.call();
    } catch (RuleException e) {
      throw RuleRequests.invalidRule(e, fileName, source);
    } catch (RuleChangeException e) {
      String slug = kind.slug();
      String title = kind.title();
      throw new ProblemException(switch (e.reason()) {
        case NOT_FOUND -> Problem.of(404, slug + "-not-found", title + " not found", e.getMessage());
        case READ_ONLY -> Problem.of(409, slug + "-read-only", title + " is read-only", e.getMessage());
        case CONFLICT -> Problem.of(409, slug + "-conflict", title + " conflict", e.getMessage());
        case INVALID -> Problem.of(400, kind.invalidType(), kind.invalidTitle(), e.getMessage());
      });
    }
  }

  private H existing(String id) {
    return sources.find(id).orElseThrow(() -> new ProblemException(Problem.of(404, kind.slug() + "-not-found",
        kind.title() + " not found",
        "No " + kind.noun() + " \"" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "\".")));
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
