package dev.vigil.api.delivery;

import dev.vigil.engine.Alert;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Deliveries;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import dev.vigil.engine.SigningSecret;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionState;
import dev.vigil.engine.Subscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the delivery outbox: one lane per subscription (own FIFO, at most {@code maxInFlight}
 * requests, at most {@code maxQueued} deliveries held in memory), every state change on the
 * {@link Scheduler}'s single thread and written to the store before the next step. HTTP is
 * asynchronous ({@link WebhookSender}), so a dead endpoint ties up neither the loop nor other
 * lanes, and ingestion never waits for delivery. See docs/design/alert-delivery.md.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Subscriptions subscriptions;
  private final Deliveries deliveries;
  private final Alerts alerts;
  private final dev.vigil.engine.Decisions decisions;
  private final WebhookSettings settings;
  private final WebhookSender sender;
  private final RetryPolicy retry;
  private final Scheduler loop;
  private final Map<String, Lane> lanes = new HashMap<>(); // loop thread only
  private final Counter delivered;
  private final Counter failed;
  private final Counter attemptsFailed;
  private volatile boolean closed;

  /** One subscription's work. */
  private static final class Lane {
    final ArrayDeque<String> due = new ArrayDeque<>();
    final Set<String> known = new HashSet<>(); // queued, waiting for a retry, or in flight
    int inFlight;
  }

  public WebhookDispatcher(Subscriptions subscriptions, Deliveries deliveries, Alerts alerts, WebhookSettings settings,
      WebhookSender sender, RetryPolicy retry, Scheduler loop, MeterRegistry meters) {
    this(subscriptions, deliveries, alerts, null, settings, sender, retry, loop, meters);
  }

  /** Also delivers {@code decision.review} / {@code decision.block} webhooks, read from {@code decisions}. */
  public WebhookDispatcher(Subscriptions subscriptions, Deliveries deliveries, Alerts alerts,
      dev.vigil.engine.Decisions decisions, WebhookSettings settings, WebhookSender sender, RetryPolicy retry,
      Scheduler loop, MeterRegistry meters) {
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.alerts = alerts;
    this.decisions = decisions;
    this.settings = settings;
    this.sender = sender;
    this.retry = retry;
    this.loop = loop;
    this.delivered = Counter.builder("vigil.webhooks.delivered").register(meters);
    this.failed = Counter.builder("vigil.webhooks.failed").description("Deliveries dead-lettered").register(meters);
    this.attemptsFailed = Counter.builder("vigil.webhooks.attempts.failed").register(meters);
  }

  /** Recovers interrupted deliveries, then listens for new ones and rescans periodically. */
  public void start() {
    deliveries.listener(created -> loop.execute(() -> created.forEach(this::enqueue)));
    loop.execute(() -> rescan(true));
  }

  /** Looks at a subscription's work again (after resume, retry or replay). */
  public void wake(String subscriptionId) {
    loop.execute(() -> {
      for (Delivery d : deliveries.open()) {
        if (d.subscriptionId().equals(subscriptionId)) {
          enqueue(d);
        }
      }
      Lane lane = lanes.get(subscriptionId);
      if (lane != null) {
        pump(subscriptionId, lane);
      }
    });
  }

  private void rescan(boolean atStart) {
    if (closed) {
      return;
    }
    try {
      for (Delivery d : deliveries.open()) {
        Lane lane = lanes.get(d.subscriptionId());
        boolean ours = lane != null && lane.known.contains(d.alertId());
        if (d.state() == DeliveryState.DELIVERING && !ours) {
          // The process stopped mid-request: the receiver may or may not have it; send again.
          d = d.with(DeliveryState.RETRYING, loop.now());
          deliveries.put(d);
        }
        enqueue(d);
      }
      if (atStart) {
        log.info("webhook dispatcher started: {} subscriptions", subscriptions.list().size());
      }
    } catch (RuntimeException e) {
      log.error("webhook outbox rescan failed", e);
    }
    loop.schedule(settings.rescanInterval().toMillis(), () -> rescan(false));
  }

  private void enqueue(Delivery d) {
    if (closed || d.state().terminal()) {
      return;
    }
    Lane lane = lanes.computeIfAbsent(d.subscriptionId(), k -> new Lane());
    if (lane.known.contains(d.alertId()) || lane.known.size() >= settings.maxQueued()) {
      return; // already handled, or left in the store for a later rescan
    }
    lane.known.add(d.alertId());
    long wait = d.nextAttemptAt() == null ? 0 : d.nextAttemptAt() - loop.now();
    if (wait > 0) {
      loop.schedule(wait, () -> makeDue(d.subscriptionId(), d.alertId()));
    } else {
      lane.due.add(d.alertId());
      pump(d.subscriptionId(), lane);
    }
  }

  private void makeDue(String subscriptionId, String alertId) {
    Lane lane = lanes.get(subscriptionId);
    if (lane != null && !closed) {
      lane.due.add(alertId);
      pump(subscriptionId, lane);
    }
  }

  private void pump(String subscriptionId, Lane lane) {
    Optional<Subscription> sub = subscriptions.get(subscriptionId);
    if (sub.isEmpty()) {
      lanes.remove(subscriptionId);
      return;
    }
    if (sub.get().state() != SubscriptionState.ACTIVE) {
      return; // paused or disabled: deliveries wait (in memory and in the store) for resume
    }
    while (!closed && lane.inFlight < settings.maxInFlight() && !lane.due.isEmpty()) {
      String alertId = lane.due.poll();
      try {
        attempt(sub.get(), lane, alertId);
      } catch (RuntimeException e) {
        lane.known.remove(alertId);
        log.error("webhook delivery {} to {} could not start; the next rescan retries", alertId, subscriptionId, e);
      }
    }
  }

  private void attempt(Subscription sub, Lane lane, String alertId) {
    Optional<Delivery> row = deliveries.get(sub.id(), alertId);
    Optional<String> body = payload(alertId);
    if (row.isEmpty() || row.get().state().terminal() || body.isEmpty()) {
      lane.known.remove(alertId);
      return;
    }
    Delivery sending = row.get().with(DeliveryState.DELIVERING, null);
    deliveries.put(sending);
    lane.inFlight++;
    long now = loop.now();
    long ts = now / 1000;
    List<String> secrets = sub.liveSecrets(now).stream().map(SigningSecret::value).toList();
    sender.send(sub.url(), alertId, ts, Signatures.header(secrets, alertId, ts, body.get()), body.get())
        .onComplete(ar -> loop.execute(() -> finish(sub.id(), lane, sending, ar.result())));
  }

  /** The body of delivery {@code id}: an alert's, or a decision's (ids from {@link dev.vigil.engine.Decision#webhookId()}). */
  private Optional<String> payload(String id) {
    Optional<String> eventId = dev.vigil.engine.Decision.eventIdOfWebhook(id);
    if (eventId.isPresent()) {
      return decisions == null ? Optional.empty() : decisions.get(eventId.get()).map(WebhookBody::of);
    }
    return alerts.get(id).map(a -> WebhookBody.of(a, alerts.lifecycle(id)));
  }

  private void finish(String subscriptionId, Lane lane, Delivery sending, WebhookSender.Outcome outcome) {
    lane.inFlight--;
    try {
      record(subscriptionId, lane, sending, outcome);
    } catch (RuntimeException e) {
      lane.known.remove(sending.alertId());
      log.error("could not record webhook outcome of {}; the next rescan retries", sending.alertId(), e);
    }
    if (!closed && lanes.get(subscriptionId) == lane) {
      pump(subscriptionId, lane);
    }
  }

  private void record(String subscriptionId, Lane lane, Delivery sending, WebhookSender.Outcome o) {
    if (subscriptions.get(subscriptionId).isEmpty()) {
      lane.known.remove(sending.alertId()); // deleted while in flight: do not resurrect its row
      return;
    }
    long now = loop.now();
    int attempts = sending.attempts() + 1;
    DeliveryState next;
    Long nextAt = null;
    if (o.kind() == WebhookSender.Kind.SUCCESS) {
      next = DeliveryState.DELIVERED;
    } else if (o.kind() == WebhookSender.Kind.RETRY && retry.hasMore(attempts)) {
      next = DeliveryState.RETRYING;
      Long asked = o.retryAfter() == null ? null : retry.retryAfterMillis(o.retryAfter(), now);
      nextAt = now + (asked != null ? asked : retry.delayMillis(attempts));
    } else {
      next = DeliveryState.FAILED;
    }
    Delivery done = sending.attempted(next, nextAt, now, o.status(), o.error(), o.latencyMillis());
    deliveries.put(done);
    updateSubscription(subscriptionId, o, now);
    if (next == DeliveryState.RETRYING) {
      attemptsFailed.increment();
      loop.schedule(nextAt - now, () -> makeDue(subscriptionId, done.alertId()));
      return;
    }
    lane.known.remove(done.alertId());
    if (next == DeliveryState.DELIVERED) {
      delivered.increment();
    } else {
      failed.increment();
      log.warn("webhook delivery {} to {} failed after {} attempts: {}", done.alertId(), subscriptionId, attempts,
          o.error());
    }
  }

  /**
   * Tracks how long the endpoint has been failing; disables it on 410 or after disableAfter. An
   * atomic update of the stored subscription, so a concurrent PATCH or pause is never overwritten.
   */
  private void updateSubscription(String subscriptionId, WebhookSender.Outcome o, long now) {
    Subscription[] before = new Subscription[1];
    Optional<Subscription> after = subscriptions.update(subscriptionId, sub -> {
      before[0] = sub;
      return afterOutcome(sub, o, now);
    });
    if (after.isPresent() && after.get().state() == SubscriptionState.DISABLED
        && before[0].state() != SubscriptionState.DISABLED) {
      log.warn("webhook subscription {} disabled: {}", subscriptionId, after.get().disabledReason());
    }
  }

  private Subscription afterOutcome(Subscription sub, WebhookSender.Outcome o, long now) {
    if (o.kind() == WebhookSender.Kind.SUCCESS) {
      return sub.failingSince() == null ? sub : sub.withFailingSince(null);
    }
    Subscription next = sub.failingSince() == null ? sub.withFailingSince(now) : sub;
    if (next.state() != SubscriptionState.ACTIVE) {
      return next; // paused or already disabled meanwhile: keep the user's (or the first) reason
    }
    if (o.kind() == WebhookSender.Kind.GONE) {
      return next.withState(SubscriptionState.DISABLED, "endpoint answered 410 Gone", now);
    }
    if (now - next.failingSince() >= settings.disableAfter().toMillis()) {
      return next.withState(SubscriptionState.DISABLED,
          "endpoint failing continuously since " + java.time.Instant.ofEpochMilli(next.failingSince())
              + " (last: " + o.error() + ")", now);
    }
    return next;
  }

  @Override
  public void close() {
    closed = true;
    deliveries.listener(d -> {});
    loop.close();
    sender.close();
  }
}
