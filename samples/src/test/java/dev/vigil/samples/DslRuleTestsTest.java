package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.cli.RulesCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code vigil rules test samples/rules/dsl} and {@code vigil rules validate} through the
 * CLI entry point: the rule tests beside the twelve sample rules must all pass.
 */
class DslRuleTestsTest {
  static final Path DSL = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("rules/dsl");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    return cli(Map.of(), args);
  }

  /** {@code vigil rules ...} in a process whose environment is {@code env}. */
  static Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RulesCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void rulesTest_sampleDirectory_everyTestPasses() {
    Run r = cli("test", DSL.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("12 passed, 0 failed");
  }

  @Test
  void rulesTest_wrongExpectation_failsWithADiff() throws Exception {
    for (String suffix : new String[] {".vgl", ".events.ndjson", ".expected.json"}) {
      Files.copy(DSL.resolve("06_card_testing" + suffix), tmp.resolve("06_card_testing" + suffix));
    }
    Path expected = tmp.resolve("06_card_testing.expected.json");
    Files.writeString(expected, Files.readString(expected).replace("after 120s", "after 2m"));
    Run r = cli("test", tmp.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("FAIL 06_card_testing").contains("- missing").contains("after 2m")
        .contains("+ unexpected").contains("after 120s");
  }

  @Test
  void rulesTest_sampleDirectory_withTheStatisticsTheReadmeSuggests_everyTestPasses() {
    Run r = cli(Map.of("VIGIL_STATS_ENTITY_KEYS", "user_id", "VIGIL_STATS_DIMENSIONS", "country"),
        "test", DSL.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("12 passed, 0 failed");
  }

  @Test
  void rulesValidate_readingStatisticsTheNodeDoesNotKeep_isR2030AsOnDeploy() throws Exception {
    Path byCard = Files.writeString(tmp.resolve("card_outlier.vgl"),
        "rule card_outlier\n  by card_id\n  when transaction where zscore(amount) > 3\n");
    assertThat(cli("validate", byCard.toString()).code()).isZero();

    Run r = cli(Map.of("VIGIL_STATS_ENTITY_KEYS", "user_id"), "validate", byCard.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("card_outlier.vgl:3:26").contains("R2030").contains("^")
        .contains("stats.entity_keys: user_id");

    Run decisions = cli(Map.of("VIGIL_STATS_DIMENSIONS", "none"), "validate",
        DSL.resolve("payment_risk.vgl").toString());
    assertThat(decisions.code()).isEqualTo(1);
    assertThat(decisions.err()).contains("payment_risk.vgl:7:42").contains("R2030");
  }

  @Test
  void rules_aBadStatisticsSetting_exitsTwoNamingIt() {
    Run r = cli(Map.of("VIGIL_STATS_DIMENSIONS", "colour"), "validate", DSL.resolve("payment_risk.vgl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("stats.dimensions").contains("colour");
  }

  @Test
  void rulesValidate_samplesPassButABrokenFileFailsWithCarets() throws Exception {
    Run ok = cli("validate", DSL.resolve("06_card_testing.vgl").toString(), DSL.resolve("08_unsettled_authorization.vgl").toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    Path bad = Files.writeString(tmp.resolve("bad.vgl"), "rule bad\n  by usr_id\n  when transaction where amount > 1\n");
    Run r = cli("validate", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.vgl:2:").contains("^").contains("user_id");
  }
}
