package dev.vigil.api.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionFilter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** JSON views of subscriptions and deliveries. The secret appears only in create and rotate answers. */
final class SubscriptionView {

  private SubscriptionView() {}

  /** {@code events} shows the effective webhook event types ({@code alert.created} when none were set). */
  record Filter(List<String> rules, List<String> severities, List<String> tags,
      @JsonProperty("entity_types") List<String> entityTypes, List<String> events) {
    static Filter of(SubscriptionFilter f) {
      List<String> events = SubscriptionFilter.EVENT_TYPES.stream().filter(f::receives).toList();
      return new Filter(sorted(f.rules()), sorted(f.severities()), sorted(f.tags()), sorted(f.entityTypes()), events);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(
      String id,
      String url,
      String description,
      Filter filter,
      String state,
      @JsonProperty("disabled_reason") String disabledReason,
      @JsonProperty("failing_since") String failingSince,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      String secret,
      @JsonProperty("secrets_signing") int secretsSigning) {}

  static View of(Subscription s, String secret, long now) {
    return new View(s.id(), s.url(), s.description(), Filter.of(s.filter()), s.state().name().toLowerCase(Locale.ROOT),
        s.disabledReason(), time(s.failingSince()), Timestamps.format(s.createdAt()), Timestamps.format(s.updatedAt()),
        secret, s.liveSecrets(now).size());
  }

  record DeliveryView(
      @JsonProperty("delivery_id") String deliveryId,
      @JsonProperty("alert_id") String alertId,
      String state,
      int attempts,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("next_attempt_at") String nextAttemptAt,
      @JsonProperty("last_attempt_at") String lastAttemptAt,
      @JsonProperty("last_status") Integer lastStatus,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("last_latency_ms") Long lastLatencyMillis) {}

  static DeliveryView of(Delivery d) {
    return new DeliveryView(d.alertId(), d.alertId(), d.state().wireName(), d.attempts(), Timestamps.format(d.createdAt()),
        time(d.nextAttemptAt()), time(d.lastAttemptAt()), d.lastStatus(), d.lastError(), d.lastLatencyMillis());
  }

  private static List<String> sorted(java.util.Set<String> s) {
    return List.copyOf(new TreeSet<>(s));
  }

  private static String time(Long millis) {
    return millis == null ? null : Timestamps.format(millis);
  }
}
