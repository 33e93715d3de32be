package dev.vigil.engine.internal.esper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledRuleTest {

  @Test
  void statsRead_namesEveryDottedProperty() {
    assertThat(CompiledRule.statsRead(
        "select * from transaction(stats.count_amount >= 10 and stats . zscore_amount > 3)"))
        .isEqualTo(Set.of("count_amount", "zscore_amount"));
  }

  @Test
  void statsRead_withoutStats_isEmpty_andAFieldNamedLikeIt_doesNotCount() {
    assertThat(CompiledRule.statsRead("select * from transaction(amount > 9000 and my_stats_flag)")).isEmpty();
  }

  @Test
  void statsRead_wholeMapUsed_meansAll() {
    assertThat(CompiledRule.statsRead("select stats, event_id from transaction(stats.count_amount > 1)")).isNull();
  }
}
