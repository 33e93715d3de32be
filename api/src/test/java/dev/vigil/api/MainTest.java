package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void guarded_errorEscapingTheCommand_exit1WithTheErrorOnStderr() {
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    int code = Main.guarded(() -> {
      throw new NoClassDefFoundError("io/vertx/core/net/impl/ShutdownEvent");
    }, errStream);

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("vigil: stopped by an unexpected error").contains("ShutdownEvent");
    assertThat(Main.guarded(() -> 0, errStream)).isZero();
  }

  @Test
  void help_printsUsage_exit0() {
    assertThat(run(Map.of(), "help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("server [--config FILE]");
  }

  @Test
  void version_printsVersion_exit0() {
    assertThat(run(Map.of(), "version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("vigil ");
  }

  @Test
  void rules_checksAgainstTheStatisticsTheEnvironmentKeeps(@TempDir Path dir) throws Exception {
    Path byCard = java.nio.file.Files.writeString(dir.resolve("card.vgl"),
        "rule card_outlier\n  by card_id\n  when transaction where zscore(amount) > 3\n");

    assertThat(run(Map.of(), "rules", "validate", byCard.toString())).isZero();
    assertThat(run(Map.of("VIGIL_STATS_ENTITY_KEYS", "user_id,merchant_id"), "rules", "validate", byCard.toString()))
        .isEqualTo(1);
    assertThat(err()).contains("R2030").contains("merchant_id, user_id");
  }

  @Test
  void rules_configFile_isReadLikeTheServers(@TempDir Path dir) throws Exception {
    Path byCard = java.nio.file.Files.writeString(dir.resolve("card.vgl"),
        "rule card_outlier\n  by card_id\n  when transaction where zscore(amount) > 3\n");
    Path yaml = java.nio.file.Files.writeString(dir.resolve("node.yaml"), "stats:\n  entity_keys: user_id\n");

    assertThat(run(Map.of(), "rules", "--config", yaml.toString(), "validate", byCard.toString())).isEqualTo(1);
    assertThat(err()).contains("R2030").contains("stats.entity_keys: user_id");
    assertThat(run(Map.of(), "rules", "--config", dir.resolve("none.yaml").toString(), "validate", byCard.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("none.yaml").contains("does not exist");
  }

  @Test
  void unknownOrMissingCommand_exit2WithUsageOnStderr() {
    assertThat(run(Map.of(), "serve")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'serve'").contains("Usage");
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(run(Map.of(), "server", "--verbose")).isEqualTo(2);
  }

  @Test
  void server_badConfig_exit2WithOneLineNamingTheKey(@TempDir Path dir) {
    int code = run(Map.of("VIGIL_HTTP_PORT", "eighty", "VIGIL_DATA_DIR", dir.toString()), "server");
    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("vigil: invalid value for http.port").hasLineCount(1);
  }

  @Test
  void server_missingConfigFile_exit2(@TempDir Path dir) {
    assertThat(run(Map.of(), "server", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("nope.yaml").contains("does not exist");
  }
}
