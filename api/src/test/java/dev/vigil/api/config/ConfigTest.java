package dev.vigil.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("vigil.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void load_nothingGiven_usesDocumentedDefaults() {
    VigilConfig c = VigilConfig.fromEnv(Map.of());
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.data().dir()).isEqualTo(Path.of("./data"));
    assertThat(c.rules().dir()).isEmpty();
    assertThat(c.engine().shards()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.engine().queueCapacity()).isEqualTo(100_000);
    assertThat(c.engine().dedupHorizon()).isEqualTo(Duration.ofHours(24));
    assertThat(c.engine().durability()).isEqualTo(Durability.FSYNC);
    assertThat(c.limits().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(c.limits().maxEventBytes()).isEqualTo(64 * 1024);
    assertThat(c.auth().adminKey()).isEmpty();
    assertThat(c.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void load_yamlThenEnv_envWinsOverFileWhichWinsOverDefault() throws IOException {
    Path f = yaml("""
        http:
          host: 127.0.0.1
          port: 9000
        engine:
          shards: 3
          durability: batch
        """);
    VigilConfig c = VigilConfig.load(f, Map.of("VIGIL_HTTP_PORT", "9100", "VIGIL_DATA_DIR", "/srv/v"));
    assertThat(c.http().host()).isEqualTo("127.0.0.1"); // file
    assertThat(c.http().port()).isEqualTo(9100); // env over file
    assertThat(c.data().dir()).isEqualTo(Path.of("/srv/v")); // env over default
    assertThat(c.engine().shards()).isEqualTo(3);
    assertThat(c.engine().durability()).isEqualTo(Durability.BATCH);
    assertThat(c.engine().queueCapacity()).isEqualTo(100_000); // default
  }

  @Test
  void load_documentedEnvNames_areHonoured() {
    VigilConfig c = VigilConfig.fromEnv(Map.of(
        "VIGIL_RULES_DIR", "/etc/vigil/rules",
        "VIGIL_ADMIN_KEY", "0123456789abcdef-admin",
        "VIGIL_ENGINE_SHARDS", "2",
        "VIGIL_ENGINE_DEDUP_HORIZON", "2h",
        "VIGIL_LIMITS_MAX_BODY_BYTES", "512KiB",
        "VIGIL_SHUTDOWN_DRAIN_TIMEOUT", "5s"));
    assertThat(c.rules().dir()).contains(Path.of("/etc/vigil/rules"));
    assertThat(c.auth().adminKey()).contains("0123456789abcdef-admin");
    assertThat(c.engine().shards()).isEqualTo(2);
    assertThat(c.engine().dedupHorizon()).isEqualTo(Duration.ofHours(2));
    assertThat(c.limits().maxBodyBytes()).isEqualTo(512 * 1024);
    assertThat(c.shutdown().drainTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void statsEntityKeys_defaultEveryKey_listTrimmed_badNameFailsNamingTheKey() {
    assertThat(VigilConfig.fromEnv(Map.of()).stats().entityKeys()).isEmpty();
    assertThat(VigilConfig.fromEnv(Map.of("VIGIL_STATS_ENTITY_KEYS", " user_id, card_id ,")).stats().entityKeys())
        .containsExactlyInAnyOrder("user_id", "card_id");
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_STATS_ENTITY_KEYS", "user_id,Card-ID")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stats.entity_keys")
        .hasMessageContaining("'Card-ID' is not a field name");
  }

  @Test
  void statsDimensions_defaultAllFour_noneOrAList_unknownFailsNamingTheKey() {
    assertThat(VigilConfig.fromEnv(Map.of()).stats().dimensions())
        .containsExactlyInAnyOrder("country", "device_id", "card_id", "merchant_id");
    assertThat(VigilConfig.fromEnv(Map.of("VIGIL_STATS_DIMENSIONS", "none")).stats().dimensions()).isEmpty();
    assertThat(VigilConfig.fromEnv(Map.of("VIGIL_STATS_DIMENSIONS", "country")).stats().dimensions())
        .containsExactly("country");
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_STATS_DIMENSIONS", "country,ip")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("stats.dimensions")
        .hasMessageContaining("'ip' is not a dimension");
  }

  @Test
  void load_unknownYamlKey_failsNamingTheKey() throws IOException {
    Path f = yaml("http:\n  prot: 9000\n");
    assertThatThrownBy(() -> VigilConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key 'http.prot'");
  }

  @Test
  void load_unknownSection_failsNamingTheKey() throws IOException {
    Path f = yaml("metrics:\n  enabled: true\n");
    assertThatThrownBy(() -> VigilConfig.load(f, Map.of()))
        .hasMessageContaining("unknown configuration key 'metrics'");
  }

  @Test
  void load_duplicateYamlKey_fails() throws IOException {
    Path f = yaml("http:\n  port: 1\n  port: 2\n");
    assertThatThrownBy(() -> VigilConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port");
  }

  @Test
  void load_listWhereValueExpected_failsNamingTheKey() throws IOException {
    Path f = yaml("http:\n  port: [1, 2]\n");
    assertThatThrownBy(() -> VigilConfig.load(f, Map.of()))
        .hasMessageContaining("invalid value for http.port").hasMessageContaining("list");
  }

  @Test
  void load_invalidValues_failNamingKeyOriginAndReason() throws IOException {
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_HTTP_PORT", "eighty")))
        .hasMessage("invalid value for http.port (from environment variable VIGIL_HTTP_PORT): "
            + "'eighty' is not an integer");
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_HTTP_PORT", "70000")))
        .hasMessageContaining("http.port").hasMessageContaining("out of range");
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_ENGINE_DURABILITY", "sometimes")))
        .hasMessageContaining("engine.durability").hasMessageContaining("fsync, batch, none");
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_ENGINE_SHARDS", "0")))
        .hasMessageContaining("engine.shards");
    Path f = yaml("engine:\n  dedup_horizon: 24\n");
    assertThatThrownBy(() -> VigilConfig.load(f, Map.of()))
        .hasMessageContaining("invalid value for engine.dedup_horizon (from " + f + ")")
        .hasMessageContaining("not a duration");
  }

  @Test
  void load_shortAdminKey_failsWithoutShowingTheKey() {
    assertThatThrownBy(() -> VigilConfig.fromEnv(Map.of("VIGIL_ADMIN_KEY", "hunter2")))
        .hasMessageContaining("auth.admin_key")
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void load_emptyFile_meansDefaults() throws IOException {
    assertThat(VigilConfig.load(yaml(""), Map.of()).http().port()).isEqualTo(8080);
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "24h,PT24H", "7d,PT168H", "PT90S,PT1M30S"})
  void duration_supportedUnits_parse(String text, String iso) {
    assertThat(Values.duration(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource({"30", "5 minutes", "-5s", "1.5h", "''"})
  void duration_withoutKnownUnit_isRejected(String text) {
    assertThatThrownBy(() -> Values.duration(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void format_durations_roundTrip() {
    for (String s : new String[] {"500ms", "30s", "5m", "24h", "90s"}) {
      assertThat(Values.format(Values.duration(s))).isEqualTo(s);
    }
    assertThat(Values.format(Values.duration("7d"))).isEqualTo("168h");
  }

  @Test
  void describe_adminKeySet_isRedactedEverywhere() {
    String secret = "s3cret-admin-key-value";
    VigilConfig c = VigilConfig.fromEnv(Map.of("VIGIL_ADMIN_KEY", secret));
    assertThat(c.describe()).containsEntry("auth.admin_key", "<redacted>");
    assertThat(c.describeLine()).doesNotContain(secret).contains("auth.admin_key=<redacted>");
    assertThat(c.toString()).doesNotContain(secret);
    assertThat(c.auth().toString()).doesNotContain(secret);
    assertThat(c.describe().keySet()).hasSize(ConfigKey.values().length);
  }

  @Test
  void locate_precedence_cliThenEnvThenWorkingDir() throws IOException {
    Path implicit = yaml("");
    Path other = Files.writeString(dir.resolve("other.yaml"), "");
    assertThat(VigilConfig.locate(null, Map.of(), dir)).isEqualTo(implicit);
    assertThat(VigilConfig.locate(null, Map.of("VIGIL_CONFIG", other.toString()), dir)).isEqualTo(other);
    assertThat(VigilConfig.locate(implicit.toString(), Map.of("VIGIL_CONFIG", other.toString()), dir))
        .isEqualTo(implicit);
    assertThat(VigilConfig.locate(null, Map.of(), dir.resolve("empty-sub"))).isNull();
    assertThatThrownBy(() -> VigilConfig.locate("missing.yaml", Map.of(), dir))
        .hasMessageContaining("missing.yaml").hasMessageContaining("--config");
  }

  @Test
  void docs_configurationMd_documentsEveryKeyAndEnvVar() throws IOException {
    Path doc = Path.of("..", "docs", "configuration.md");
    String text = Files.readString(doc);
    for (ConfigKey k : ConfigKey.values()) {
      assertThat(text).as("docs/configuration.md documents " + k.key())
          .contains("`" + k.key() + "`").contains("`" + k.envVar() + "`");
    }
  }
}
