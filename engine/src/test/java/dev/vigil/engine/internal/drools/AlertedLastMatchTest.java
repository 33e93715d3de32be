package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Decision;
import dev.vigil.engine.EntityRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code alerted(card_testing, 1h)} answered from the last-alert index when that settles it, and
 * by scanning the alerts when it does not (issue 9, decision latency).
 */
class AlertedLastMatchTest {

  private static final long NOW = 10_000_000L;
  private static final long HOUR = 3_600_000L;

  private DecisionFixture f;
  private EntityRef asked;

  @BeforeEach
  void deploy() throws Exception {
    f = new DecisionFixture();
    f.deploy("payment_risk.vgl", Files.readString(Path.of("../samples/rules/dsl/payment_risk.vgl")));
  }

  private void lastMatch(OptionalLong last) {
    f.decisions.lastMatches((rule, entity) -> {
      asked = entity;
      return rule.equals("card_testing") ? last : OptionalLong.empty();
    });
  }

  private boolean alerted() throws Exception {
    Decision d = f.decisions.decide(DecisionFixture.transaction("e1", NOW, "u1", "c1", "10.00", "FR"), true);
    return d.reasons().stream().anyMatch(r -> r.label().equals("card tested recently"));
  }

  @Test
  void neverAlerted_isFalse_withoutScanning() throws Exception {
    f.alert("card_testing", "c1", NOW - 60_000L); // only the index is asked: it says never
    lastMatch(OptionalLong.empty());
    assertThat(alerted()).isFalse();
    assertThat(f.alertQueries).hasValue(0);
    assertThat(asked).isEqualTo(new EntityRef("card_id", "c1"));
  }

  @Test
  void lastMatchInTheWindow_isTrue_withoutScanning() throws Exception {
    lastMatch(OptionalLong.of(NOW - HOUR));
    assertThat(alerted()).isTrue();
    assertThat(f.alertQueries).hasValue(0);
  }

  @Test
  void lastMatchAfterTheEvent_scans_andFindsAnEarlierAlertInTheWindow() throws Exception {
    f.alert("card_testing", "c1", NOW - 60_000L);
    f.alert("card_testing", "c1", NOW + 60_000L);
    lastMatch(OptionalLong.of(NOW + 60_000L));
    assertThat(alerted()).isTrue();
    assertThat(f.alertQueries).hasValue(1);
  }

  @Test
  void lastMatchBeforeTheWindow_scans_andFindsNothing() throws Exception {
    f.alert("card_testing", "c1", NOW - HOUR - 1);
    lastMatch(OptionalLong.of(NOW - HOUR - 1));
    assertThat(alerted()).isFalse();
    assertThat(f.alertQueries).hasValue(1);
  }
}
