package dev.vigil.api.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertLifecycle;
import java.util.List;

/**
 * JSON view of an alert; every time is RFC 3339 in UTC. {@code window} is {@code null} for rules
 * that match at a point in time rather than over a window. {@code status} is {@code open}, {@code
 * acknowledged} or {@code resolved}; who (API key id) and when are {@code null} until set.
 */
public record AlertView(
    @JsonProperty("alert_id") String alertId,
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("rule_version") int ruleVersion,
    String severity,
    Entity entity,
    Window window,
    @JsonProperty("match_time") String matchTime,
    @JsonProperty("event_ids") List<String> eventIds,
    String message,
    @JsonProperty("created_at") String createdAt,
    String status,
    @JsonProperty("acknowledged_by") String acknowledgedBy,
    @JsonProperty("acknowledged_at") String acknowledgedAt,
    @JsonProperty("resolved_by") String resolvedBy,
    @JsonProperty("resolved_at") String resolvedAt) {

  public record Entity(String type, String key) {}

  public record Window(String start, String end) {}

  /** An alert nobody acknowledged or resolved. */
  public static AlertView of(Alert a) {
    return of(a, AlertLifecycle.open(a.alertId()));
  }

  public static AlertView of(Alert a, AlertLifecycle life) {
    Window window = a.windowStart() == null && a.windowEnd() == null
        ? null
        : new Window(time(a.windowStart()), time(a.windowEnd()));
    return new AlertView(
        a.alertId(),
        a.ruleId(),
        a.ruleVersion(),
        a.severity(),
        new Entity(a.entity().type(), a.entity().key()),
        window,
        Timestamps.format(a.matchTime()),
        a.eventIds(),
        a.message(),
        Timestamps.format(a.createdAt()),
        life.status().wireName(),
        life.acknowledgedBy(),
        time(life.acknowledgedAt()),
        life.resolvedBy(),
        time(life.resolvedAt()));
  }

  private static String time(Long millis) {
    return millis == null ? null : Timestamps.format(millis);
  }
}
