package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.RuleInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionTest {

  private static final RuleInfo HOURLY =
      new RuleInfo("r", 1, "high", "user_id", "r.epl", Duration.ofHours(1), Set.of());
  private final Suppression suppression = new Suppression();

  private static Match at(RuleInfo rule, String user, long t) {
    return new Match(rule, user, null, List.of("e" + t), null, null, t);
  }

  @Test
  void suppressed_sameEntityWithinInterval_true_afterIntervalOrOtherEntity_false() {
    long h = Duration.ofHours(1).toMillis();
    suppression.alerted(at(HOURLY, "u1", 0));
    assertThat(suppression.suppressed(at(HOURLY, "u1", h - 1))).isTrue();
    assertThat(suppression.suppressed(at(HOURLY, "u1", h))).isFalse();
    assertThat(suppression.suppressed(at(HOURLY, "u2", 10))).isFalse();
  }

  @Test
  void suppressed_ruleWithoutSuppress_neverTrue() {
    RuleInfo plain = new RuleInfo("p", 1, "high", "user_id", "r.epl");
    suppression.alerted(at(plain, "u1", 0));
    assertThat(suppression.suppressed(at(plain, "u1", 1))).isFalse();
  }
}
