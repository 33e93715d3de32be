package dev.vigil.engine.internal.host;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertSink;
import dev.vigil.engine.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match sink of every runtime: builds the alert and hands it to the durable alert store on
 * the shard thread, and counts matches per rule. A store failure is logged and counted; it does
 * not stop the shard.
 */
public final class AlertPublisher implements MatchSink {

  private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

  private final AlertFactory factory;
  private final AlertSink store;
  private final EngineMetrics metrics;
  private final RuleMetrics ruleMetrics;
  private final Clock clock;

  public AlertPublisher(AlertFactory factory, AlertSink store, EngineMetrics metrics) {
    this(factory, store, metrics, null, null);
  }

  public AlertPublisher(
      AlertFactory factory, AlertSink store, EngineMetrics metrics, RuleMetrics ruleMetrics, Clock clock) {
    this.factory = factory;
    this.store = store;
    this.metrics = metrics;
    this.ruleMetrics = ruleMetrics;
    this.clock = clock;
  }

  @Override
  public void onMatch(Match match) {
    counted(match);
    Alert alert = factory.create(match);
    try {
      boolean isNew = store.accept(alert);
      metrics.alert(alert.ruleId(), isNew);
      if (ruleMetrics != null) {
        ruleMetrics.alert(alert.ruleId(), isNew);
      }
    } catch (RuntimeException e) {
      metrics.alertStoreError();
      log.error("could not store alert {} of rule {}", alert.alertId(), alert.ruleId(), e);
    }
  }

  @Override
  public void onSuppressed(Match match) {
    counted(match);
    if (ruleMetrics != null) {
      ruleMetrics.suppressed(match.rule().id());
    }
  }

  private void counted(Match match) {
    if (ruleMetrics != null) {
      ruleMetrics.matched(match.rule().id(), match.matchTime(), clock.millis());
    }
  }
}
