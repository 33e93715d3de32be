package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.cli.RulesCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RulesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
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
  void rulesValidate_samplesPassButABrokenFileFailsWithCarets() throws Exception {
    Run ok = cli("validate", DSL.resolve("06_card_testing.vgl").toString(), DSL.resolve("08_unsettled_authorization.vgl").toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    Path bad = Files.writeString(tmp.resolve("bad.vgl"), "rule bad\n  by usr_id\n  when transaction where amount > 1\n");
    Run r = cli("validate", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.vgl:2:").contains("^").contains("user_id");
  }
}
