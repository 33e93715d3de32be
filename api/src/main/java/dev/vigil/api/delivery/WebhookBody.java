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
 * "data":<alert as in GET /v1/alerts>}}.
 */
public final class WebhookBody {

  public static final String TYPE = "alert.created";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The envelope. */
  public record Envelope(String type, String timestamp, AlertView data) {}

  private WebhookBody() {}

  public static String of(Alert alert, AlertLifecycle lifecycle) {
    try {
      return JSON.writeValueAsString(
          new Envelope(TYPE, Timestamps.format(alert.createdAt()), AlertView.of(alert, lifecycle)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
