package dev.vigil.engine.internal.host;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertSink;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.Subscriptions;
import dev.vigil.engine.spi.AlertStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match sink of every runtime: applies the rule's suppression, builds the alert and hands it,
 * with one pending delivery per matching webhook subscription, to the durable alert store on the
 * shard thread (alert and deliveries are one atomic write). Suppression state is read back from
 * the store after a restart ({@link Suppression}). A store failure is logged and counted;
 * it does not stop the shard.
 */
public final class AlertPublisher implements MatchSink {

  private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

  private final AlertFactory factory;
  private final AlertSink sink;
  private final AlertStore store;
  private final Subscriptions subscriptions;
  private final EngineMetrics metrics;
  private final Suppression suppression;
  private RuleMetrics ruleMetrics;
  private dev.vigil.engine.Clock clock;
  private Rebuild rebuild = Rebuild.none();

  /** A publisher without webhook subscriptions. */
  public AlertPublisher(AlertFactory factory, AlertSink store, EngineMetrics metrics) {
    this.factory = factory;
    this.sink = store;
    this.store = null;
    this.subscriptions = null;
    this.metrics = metrics;
    this.suppression = new Suppression();
  }

  /** A publisher that also creates the webhook deliveries of each new alert. */
  public AlertPublisher(AlertFactory factory, AlertStore store, Subscriptions subscriptions, EngineMetrics metrics) {
    this.factory = factory;
    this.sink = store;
    this.store = store;
    this.subscriptions = subscriptions;
    this.metrics = metrics;
    this.suppression = new Suppression(store::lastMatchTime);
  }

  /** Also counts per rule (matches, alerts, suppressed, last match); call before the shards start. */
  public AlertPublisher countingPerRule(RuleMetrics ruleMetrics, dev.vigil.engine.Clock clock) {
    this.ruleMetrics = ruleMetrics;
    this.clock = clock;
    return this;
  }

  /** Counts matches muted by a crash-recovery rebuild in {@code rebuild}; call before the shards start. */
  public AlertPublisher rebuild(Rebuild rebuild) {
    this.rebuild = rebuild;
    return this;
  }

  @Override
  public void onMatch(Match match) {
    if (Rebuild.muted()) {
      // Rebuilding state after a crash: this match's alert was stored before it; keep
      // suppression as the original run had it, store nothing (docs/design/durability.md).
      if (!suppression.suppressed(match)) {
        suppression.alerted(match);
      }
      rebuild.countMuted();
      return;
    }
    if (ruleMetrics != null) {
      ruleMetrics.matched(match.rule().id(), match.matchTime(), clock.millis());
    }
    if (suppression.suppressed(match)) {
      if (ruleMetrics != null) {
        ruleMetrics.suppressed(match.rule().id());
      }
      return;
    }
    Alert alert = factory.create(match);
    try {
      boolean isNew = store == null ? sink.accept(alert) : store.accept(alert, deliveries(alert, match.rule()));
      metrics.alert(alert.ruleId(), isNew);
      if (ruleMetrics != null) {
        ruleMetrics.alert(alert.ruleId(), isNew);
      }
      suppression.alerted(match);
    } catch (RuntimeException e) {
      metrics.alertStoreError();
      log.error("could not store alert {} of rule {}", alert.alertId(), alert.ruleId(), e);
    }
  }

  private List<Delivery> deliveries(Alert alert, RuleInfo rule) {
    List<Delivery> out = new ArrayList<>(2);
    for (Subscription s : subscriptions.list()) {
      if (s.filter().matches(alert, rule.tags())) {
        out.add(Delivery.pending(s.id(), alert.alertId(), alert.createdAt()));
      }
    }
    return out;
  }
}
