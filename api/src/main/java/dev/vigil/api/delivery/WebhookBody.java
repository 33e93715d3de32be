package dev.vigil.api.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.alerts.AlertView;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertLifecycle;
import java.io.UncheckedIOException;

/**
 * The JSON body of a webhook: {@code {"type":"alert.created","timestamp":<alert created_at>,
 * "data":<alert as in GET /v1/alerts>}}, or for a decision {@code {"type":"decision.review"
 * (or "decision.block"),"timestamp":<decided_at>,"data":<entry as in GET /v1/decisions/{event_id}>}}.
 */
public final class WebhookBody {

  public static final String TYPE = "alert.created";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The envelope. */
  public record Envelope(String type, String timestamp, AlertView data) {}

  /** The envelope of a decision. */
  public record DecisionEnvelope(String type, String timestamp, dev.vigil.api.decisions.DecisionView.Entry data) {}

  private WebhookBody() {}

  public static String of(dev.vigil.engine.Decision decision) {
    try {
      return JSON.writeValueAsString(new DecisionEnvelope("decision." + decision.outcome(),
          Timestamps.format(decision.decidedAt()), dev.vigil.api.decisions.DecisionView.entry(decision)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String of(Alert alert, AlertLifecycle lifecycle) {
    try {
      return JSON.writeValueAsString(
          new Envelope(TYPE, Timestamps.format(alert.createdAt()), AlertView.of(alert, lifecycle)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
