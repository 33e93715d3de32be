package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
  private final Label takeover = new Label(0, Scenario.ACCOUNT_TAKEOVER, "user_id", "u1", 0, 10,
      List.of("e1", "e2"), Scenario.ACCOUNT_TAKEOVER.rules());

  @Test
  void alert_onScenarioEvent_countsHitAndLatencyFromLatestSentEvent() {
    GroundTruth truth = new GroundTruth();
    truth.sent(event("e1"), 1_000_000);
    truth.sent(event("e2"), 5_000_000);
    truth.alert("{\"type\":\"alert.created\",\"data\":{\"rule_id\":\"account_takeover\",\"event_ids\":[\"e1\", \"e2\"]}}",
        12_000_000);
    assertThat(truth.counts("account_takeover")).containsExactly(1, 0, 0);
    assertThat(truth.detected(takeover, "account_takeover")).isTrue();
    assertThat(truth.detected(takeover, "new_device_password_change")).isFalse();
    assertThat(truth.latencyMicros().getMaxValue()).isBetween(6_990L, 7_010L);
  }

  @Test
  void alert_ruleNotExpectedOrBackground_countedApart() {
    GroundTruth truth = new GroundTruth();
    truth.sent(event("e2"), 0);
    truth.alert("{\"rule_id\":\"amount_spike\",\"event_ids\":[\"e2\"]}", 1);
    truth.alert("{\"rule_id\":\"amount_spike\",\"event_ids\":[\"bg-7\"]}", 1);
    assertThat(truth.counts("amount_spike")).containsExactly(0, 1, 1);
    assertThat(truth.alerts()).isEqualTo(2);
    assertThat(truth.latencyMicros().getTotalCount()).isEqualTo(1);
  }

  private StreamEvent event(String id) {
    return new StreamEvent(id, "transaction", 0, 0, "{}", takeover);
  }
}
