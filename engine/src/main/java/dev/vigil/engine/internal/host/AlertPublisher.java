package dev.vigil.engine.internal.host;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match sink of every runtime: builds the alert and hands it to the durable alert store on
 * the shard thread. A store failure is logged and counted; it does not stop the shard.
 */
public final class AlertPublisher implements MatchSink {

  private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

  private final AlertFactory factory;
  private final AlertSink store;
  private final EngineMetrics metrics;

  public AlertPublisher(AlertFactory factory, AlertSink store, EngineMetrics metrics) {
    this.factory = factory;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public void onMatch(Match match) {
    Alert alert = factory.create(match);
    try {
      metrics.alert(alert.ruleId(), store.accept(alert));
    } catch (RuntimeException e) {
      metrics.alertStoreError();
      log.error("could not store alert {} of rule {}", alert.alertId(), alert.ruleId(), e);
    }
  }
}
