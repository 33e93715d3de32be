package dev.vigil.api.sinks;

import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Alert;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log sink: one logfmt line per new alert on the logger {@code dev.vigil.alerts}, with the
 * alert's fields as key-value pairs (the node's log layout renders them). It starts with the next
 * alert stored; alerts are not replayed into the log after a restart.
 */
public final class LogSink implements FollowingSink {

  static final String LOGGER = "dev.vigil.alerts";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final RecentIds seen = new RecentIds(10_000);

  @Override
  public boolean accept(Alert a) {
    if (!seen.add(a.alertId())) {
      return false;
    }
    log.atInfo()
        .addKeyValue("alert_id", a.alertId())
        .addKeyValue("rule", a.ruleId())
        .addKeyValue("rule_version", a.ruleVersion())
        .addKeyValue("severity", a.severity())
        .addKeyValue("entity_type", a.entity().type())
        .addKeyValue("entity_key", a.entity().key())
        .addKeyValue("match_time", Timestamps.format(a.matchTime()))
        .addKeyValue("created_at", Timestamps.format(a.createdAt()))
        .addKeyValue("event_ids", String.join(",", a.eventIds()))
        .addKeyValue("message", a.message())
        .log("alert");
    return true;
  }

  @Override
  public Optional<String> resumeAfter() {
    return Optional.empty();
  }

  @Override
  public void batchDone(String cursor) {}

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void close() {}
}
