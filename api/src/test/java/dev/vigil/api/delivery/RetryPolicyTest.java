package dev.vigil.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(WebhookSettings.defaults(), new Random(7));

  @Test
  void capMillis_doublesFromInitialUpToMax() {
    assertThat(policy.capMillis(1)).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(policy.capMillis(2)).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(policy.capMillis(8)).isEqualTo(Duration.ofHours(8).toMillis());
    assertThat(policy.capMillis(60)).isEqualTo(Duration.ofHours(8).toMillis());
  }

  @Test
  void defaults_atLeastEightAttempts_spanningAboutADayOnAverage() {
    WebhookSettings d = WebhookSettings.defaults();
    assertThat(d.maxAttempts()).isGreaterThanOrEqualTo(8);
    long sumOfCaps = 0;
    for (int n = 1; n < d.maxAttempts(); n++) {
      sumOfCaps += policy.capMillis(n);
    }
    // Full jitter averages half the cap: expected total between 18 h and 30 h.
    assertThat(sumOfCaps / 2).isBetween(Duration.ofHours(18).toMillis(), Duration.ofHours(30).toMillis());
  }

  @Test
  void delayMillis_fullJitter_withinZeroAndCap() {
    for (int n = 1; n < 12; n++) {
      assertThat(policy.delayMillis(n)).isBetween(0L, policy.capMillis(n));
    }
  }

  @Test
  void retryAfterMillis_secondsDateOrJunk() {
    assertThat(policy.retryAfterMillis("120", 0)).isEqualTo(120_000L);
    assertThat(policy.retryAfterMillis("999999999", 0)).isEqualTo(Duration.ofHours(8).toMillis());
    assertThat(policy.retryAfterMillis("Wed, 21 Oct 2015 07:28:30 GMT", 1445412480000L)).isEqualTo(30_000L);
    assertThat(policy.retryAfterMillis("soon", 0)).isNull();
    assertThat(policy.retryAfterMillis(null, 0)).isNull();
  }
}
