package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Alert;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.RuleInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

  private static final RuleInfo KEYED = new RuleInfo("velocity", 1, "high", "user_id", "r.epl");
  private final AlertFactory factory = new AlertFactory(() -> 42L);

  @Test
  void create_keyedMatch_fillsEveryField() {
    Alert a = factory.create(new Match(KEYED, "u1", null, List.of("b", "a"), 10L, 20L, 20L));
    assertThat(a.ruleId()).isEqualTo("velocity");
    assertThat(a.severity()).isEqualTo("high");
    assertThat(a.entity()).isEqualTo(new EntityRef("user_id", "u1"));
    assertThat(a.eventIds()).containsExactly("b", "a");
    assertThat(a.windowStart()).isEqualTo(10L);
    assertThat(a.createdAt()).isEqualTo(42L);
    assertThat(a.message()).isEqualTo("rule velocity matched for user_id=u1");
    assertThat(a.alertId()).matches("[0-9a-f]{32}");
  }

  @Test
  void alertId_ignoresEventOrderAndMatchTime_butNotIdentity() {
    String id = factory.create(new Match(KEYED, "u1", "x", List.of("a", "b"), null, null, 1L)).alertId();
    assertThat(factory.create(new Match(KEYED, "u1", "y", List.of("b", "a"), null, null, 2L)).alertId()).isEqualTo(id);
    assertThat(factory.create(new Match(KEYED, "u2", "x", List.of("a", "b"), null, null, 1L)).alertId()).isNotEqualTo(id);
    assertThat(factory.create(new Match(KEYED, "u1", "x", List.of("ab"), null, null, 1L)).alertId()).isNotEqualTo(id);
    RuleInfo v2 = new RuleInfo("velocity", 2, "high", "user_id", "r.epl");
    assertThat(factory.create(new Match(v2, "u1", "x", List.of("a", "b"), null, null, 1L)).alertId()).isNotEqualTo(id);
  }

  @Test
  void alertId_withoutEventsOrWindow_usesMatchTime() {
    RuleInfo global = new RuleInfo("tick", 1, "low", null, "r.epl");
    Alert first = factory.create(new Match(global, null, null, List.of(), null, null, 1L));
    Alert second = factory.create(new Match(global, null, null, List.of(), null, null, 2L));
    assertThat(first.entity()).isEqualTo(EntityRef.GLOBAL);
    assertThat(first.alertId()).isNotEqualTo(second.alertId());
  }
}
