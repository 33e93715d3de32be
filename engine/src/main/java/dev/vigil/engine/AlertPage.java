package dev.vigil.engine;

import java.util.List;

/**
 * One page of alerts.
 *
 * @param alerts newest first
 * @param nextCursor pass to the next query to continue, {@code null} on the last page
 */
public record AlertPage(List<Alert> alerts, String nextCursor) {
  public AlertPage {
    alerts = List.copyOf(alerts);
  }
}
