package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateProfileTest {

  @Test
  void offsetMillis_twoPhases_slotsDueAtEachPhaseRate() {
    RateProfile p = RateProfile.parse("1000:10,100:5", 60);
    assertThat(p.totalSeconds()).isEqualTo(15);
    assertThat(p.offsetMillis(0)).isZero();
    assertThat(p.offsetMillis(500)).isEqualTo(500);
    assertThat(p.offsetMillis(10_000)).isEqualTo(10_000);
    assertThat(p.offsetMillis(10_100)).isEqualTo(11_000);
  }

  @Test
  void parse_rateWithoutSeconds_lastsTheDefault() {
    assertThat(RateProfile.parse("2000", 30).totalSeconds()).isEqualTo(30);
  }

  @Test
  void parse_garbage_refused() {
    assertThatThrownBy(() -> RateProfile.parse("fast", 30)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RATE[:SECONDS]");
    assertThatThrownBy(() -> RateProfile.parse("-5:10", 30)).isInstanceOf(IllegalArgumentException.class);
  }
}
