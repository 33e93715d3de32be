package dev.vigil.api.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.EngineAccess;
import dev.vigil.api.delivery.AddressGuard;
import dev.vigil.api.delivery.Signatures;
import dev.vigil.api.delivery.Webhooks;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.http.QueryParams;
import dev.vigil.api.http.Responses;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.SigningSecret;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionFilter;
import dev.vigil.engine.SubscriptionState;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The {@code /v1/subscriptions} resources: create (answers the signing secret once), list, get,
 * patch, delete, pause, resume, rotate the secret, list deliveries, retry one, replay a time
 * range. Store access runs on worker threads.
 */
public final class SubscriptionHandler {

  static final int MAX_REPLAY = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final EngineAccess engine;
  private final Webhooks webhooks;

  public SubscriptionHandler(Vertx vertx, EngineAccess engine, Webhooks webhooks) {
    this.vertx = vertx;
    this.engine = engine;
    this.webhooks = webhooks;
  }

  public void create(RoutingContext ctx) {
    JsonNode body = SubscriptionRequests.object(ctx.body().asString(), Set.of("url", "description", "filter"));
    String url = SubscriptionRequests.url(body, true);
    String description = SubscriptionRequests.description(body);
    SubscriptionFilter filter = SubscriptionRequests.filter(body);
    blocking(ctx, 201, () -> {
      checkUrl(url);
      long now = System.currentTimeMillis();
      String secret = Signatures.newSecret();
      Subscription s = new Subscription("sub_" + HexFormat.of().formatHex(randomBytes(12)), url, description, filter,
          List.of(new SigningSecret(secret, now, null)), SubscriptionState.ACTIVE, null, now, now, null);
      engine.subscriptions().save(s);
      ctx.response().putHeader("Location", "/v1/subscriptions/" + s.id());
      return SubscriptionView.of(s, secret, now);
    });
  }

  public void list(RoutingContext ctx) {
    blocking(ctx, 200, () -> {
      long now = System.currentTimeMillis();
      return Map.of("subscriptions",
          engine.subscriptions().list().stream().map(s -> SubscriptionView.of(s, null, now)).toList());
    });
  }

  public void get(RoutingContext ctx) {
    blocking(ctx, 200, () -> SubscriptionView.of(find(ctx), null, System.currentTimeMillis()));
  }

  public void patch(RoutingContext ctx) {
    JsonNode body = SubscriptionRequests.object(ctx.body().asString(), Set.of("url", "description", "filter"));
    String url = SubscriptionRequests.url(body, false);
    String description = SubscriptionRequests.description(body);
    SubscriptionFilter filter = SubscriptionRequests.filter(body);
    update(ctx, () -> {
      if (url != null) {
        checkUrl(url); // resolves DNS: before the update, which holds the subscriptions' lock
      }
    }, s -> {
      return new Subscription(s.id(), url != null ? url : s.url(),
          body.has("description") ? description : s.description(), filter != null ? filter : s.filter(), s.secrets(),
          s.state(), s.disabledReason(), s.createdAt(), System.currentTimeMillis(), s.failingSince());
    }, null);
  }

  public void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> engine.subscriptions().delete(id), false)
        .onSuccess(found -> {
          if (found) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(notFound());
          }
        })
        .onFailure(ctx::fail);
  }

  public void pause(RoutingContext ctx) {
    update(ctx, s -> s.withState(SubscriptionState.PAUSED, null, System.currentTimeMillis()), null);
  }

  /** Resumes a paused or disabled subscription, forgetting its failure history. */
  public void resume(RoutingContext ctx) {
    update(ctx, s -> s.withState(SubscriptionState.ACTIVE, null, System.currentTimeMillis()).withFailingSince(null),
        null);
  }

  /** New secret; the old ones keep signing for {@code overlap_seconds} (default from settings). */
  public void rotateSecret(RoutingContext ctx) {
    JsonNode body = SubscriptionRequests.object(ctx.body().asString(), Set.of("overlap_seconds"));
    Long overlap = SubscriptionRequests.seconds(body, "overlap_seconds", 7 * 24 * 3600);
    long overlapMillis = overlap != null ? overlap * 1000 : webhooks.settings().rotationOverlap().toMillis();
    String secret = Signatures.newSecret();
    update(ctx, s -> {
      long now = System.currentTimeMillis();
      List<SigningSecret> secrets = new ArrayList<>();
      secrets.add(new SigningSecret(secret, now, null));
      for (SigningSecret old : s.liveSecrets(now)) {
        long until = old.expiresAt() == null ? now + overlapMillis : Math.min(old.expiresAt(), now + overlapMillis);
        if (until > now) {
          secrets.add(new SigningSecret(old.value(), old.createdAt(), until));
        }
      }
      return new Subscription(s.id(), s.url(), s.description(), s.filter(), secrets, s.state(), s.disabledReason(),
          s.createdAt(), now, s.failingSince());
    }, secret);
  }

  public void deliveries(RoutingContext ctx) {
    String stateText = ctx.queryParams().get("state");
    DeliveryState state = null;
    if (stateText != null) {
      try {
        state = DeliveryState.valueOf(stateText.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(Problem.of(400, "invalid-parameter", "Invalid query parameter",
            "Parameter \"state\" must be one of pending, delivering, retrying, delivered, failed.")
            .with("parameter", "state"));
      }
    }
    DeliveryState filter = state;
    String cursor = ctx.queryParams().get("cursor");
    int limit = QueryParams.limit(ctx.queryParams());
    blocking(ctx, 200, () -> {
      Subscription s = find(ctx);
      List<Delivery> page = engine.deliveries().list(s.id(), filter, cursor, limit);
      String next = page.size() == limit ? page.get(page.size() - 1).alertId() : null;
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("deliveries", page.stream().map(SubscriptionView::of).toList());
      out.put("next_cursor", next);
      return out;
    });
  }

  public void retry(RoutingContext ctx) {
    String alertId = ctx.pathParam("delivery");
    blocking(ctx, 202, () -> {
      Subscription s = find(ctx);
      Delivery d = engine.deliveries().get(s.id(), alertId).orElseThrow(() -> new ProblemException(
          Problem.of(404, "delivery-not-found", "Delivery not found", "No delivery of this alert to this subscription.")));
      if (d.state() != DeliveryState.FAILED) {
        throw new ProblemException(Problem.of(409, "delivery-not-failed", "Delivery not failed",
            "Only a failed (dead-lettered) delivery can be retried; this one is " + d.state().wireName() + "."));
      }
      Delivery restarted = d.restarted(System.currentTimeMillis());
      engine.deliveries().put(restarted);
      webhooks.wake(s.id());
      return SubscriptionView.of(restarted);
    });
  }

  /** Sends the alerts created in {@code [since, until)} that match the filter (again). */
  public void replay(RoutingContext ctx) {
    JsonNode body = SubscriptionRequests.object(ctx.body().asString(), Set.of("since", "until"));
    Long since = SubscriptionRequests.time(body, "since");
    Long until = SubscriptionRequests.time(body, "until");
    if (since == null) {
      throw SubscriptionRequests.invalid("since", "is required");
    }
    if (until != null && until < since) {
      throw SubscriptionRequests.invalid("since", "must not be after until");
    }
    blocking(ctx, 202, () -> {
      Subscription s = find(ctx);
      Map<String, Set<String>> tags = engine.rules().stream().collect(Collectors.toMap(RuleInfo::id, RuleInfo::tags, (a, b) -> a));
      long now = System.currentTimeMillis();
      int queued = 0;
      String cursor = null;
      do {
        AlertPage page = engine.alerts().query(new AlertQuery(null, null, null, since, until, cursor, 1000));
        for (Alert a : page.alerts()) {
          if (queued < MAX_REPLAY && s.filter().matches(a, tags.getOrDefault(a.ruleId(), Set.of()))) {
            Delivery d = engine.deliveries().get(s.id(), a.alertId())
                .map(existing -> existing.restarted(now))
                .orElse(Delivery.pending(s.id(), a.alertId(), now));
            engine.deliveries().put(d);
            queued++;
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null && queued < MAX_REPLAY);
      webhooks.wake(s.id());
      return Map.of("queued", queued, "truncated", cursor != null);
    });
  }

  private void update(RoutingContext ctx, UnaryOperator<Subscription> change, String secret) {
    update(ctx, () -> {}, change, secret);
  }

  /**
   * Runs {@code check}, then applies {@code change} to the stored subscription atomically (see
   * {@code Subscriptions.update}): the dispatcher's concurrent failure tracking is kept.
   */
  private void update(RoutingContext ctx, Runnable check, UnaryOperator<Subscription> change, String secret) {
    blocking(ctx, 200, () -> {
      find(ctx);
      check.run();
      Subscription next = engine.subscriptions().update(ctx.pathParam("id"), change)
          .orElseThrow(SubscriptionHandler::notFound);
      webhooks.wake(next.id());
      return SubscriptionView.of(next, secret, System.currentTimeMillis());
    });
  }

  private void checkUrl(String url) {
    try {
      webhooks.guard().resolve(webhooks.guard().check(url));
    } catch (AddressGuard.RefusedException e) {
      throw SubscriptionRequests.invalid("url", e.getMessage());
    }
  }

  private Subscription find(RoutingContext ctx) {
    return engine.subscriptions().get(ctx.pathParam("id")).orElseThrow(SubscriptionHandler::notFound);
  }

  private static ProblemException notFound() {
    return new ProblemException(
        Problem.of(404, "subscription-not-found", "Subscription not found", "No subscription with this id."));
  }

  private <T> void blocking(RoutingContext ctx, int status, Callable<T> work) {
    vertx.executeBlocking(work, false)
        .onSuccess(body -> Responses.json(ctx, status, body))
        .onFailure(ctx::fail);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
