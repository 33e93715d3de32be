package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Event;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bare boolean field as a condition (it used to generate DRL that did not build). */
class BooleanFieldDecisionTest {

  private static Event login(String id, Boolean newDevice, Boolean success) {
    Map<String, Object> f = new HashMap<>();
    f.put("user_id", "u1");
    if (newDevice != null) {
      f.put("new_device", newDevice);
    }
    if (success != null) {
      f.put("success", success);
    }
    return new Event(id, "login", 1_000, f, Map.of());
  }

  @Test
  void bareBooleanFields_areThreeValuedTests() throws Exception {
    DecisionFixture f = new DecisionFixture();
    f.deploy("logins.vgl", """
        decision login_risk on login
          score 80 "new device, failed" when new_device and not success
          score 10 "new device"         when new_device
          block when score >= 80
          review when score > 0
          allow otherwise
        """);
    assertThat(f.decisions.decide(login("a", true, false), true).outcome()).isEqualTo("block");
    assertThat(f.decisions.decide(login("b", true, true), true).outcome()).isEqualTo("review");
    assertThat(f.decisions.decide(login("c", false, false), true).outcome()).isEqualTo("allow");
    assertThat(f.decisions.decide(login("d", null, null), true).outcome()).isEqualTo("allow");
  }
}
