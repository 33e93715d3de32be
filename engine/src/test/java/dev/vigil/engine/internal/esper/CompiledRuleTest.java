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

  @Test
  void statsRead_commentsAndStringsMentioningStats_doNotCount() {
    assertThat(CompiledRule.statsRead("""
        // stats holds the user's statistics; 'quoted' stats too
        /* stats, again */ select 'stats are ' || cast(stats.count_amount, string) as message,
          "stats" as label
        from transaction(stats.zscore_amount > 3 and currency != 'it''s stats')"""))
        .isEqualTo(Set.of("count_amount", "zscore_amount"));
  }

  @Test
  void statsRead_sampleAmountSpikeRule_readsTwoProperties() throws Exception {
    String epl = java.nio.file.Files.readString(sampleRule("amount_spike.epl"));
    assertThat(CompiledRule.statsRead(epl)).isEqualTo(Set.of("count_amount", "zscore_amount"));
  }

  private static java.nio.file.Path sampleRule(String name) {
    for (String dir : java.util.List.of("samples/rules", "../samples/rules")) {
      java.nio.file.Path p = java.nio.file.Path.of(dir, name);
      if (java.nio.file.Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalStateException(name + " not found");
  }
}
