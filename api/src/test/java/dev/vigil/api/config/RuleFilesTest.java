package dev.vigil.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.RuleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {
  @TempDir Path dir;

  @Test
  void load_directory_readsEplFilesInNameOrder() throws IOException {
    Files.writeString(dir.resolve("b.epl"), "select 2");
    Files.writeString(dir.resolve("a.epl"), "select 1");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    List<RuleFile> rules = RuleFiles.load(Optional.of(dir));
    assertThat(rules).containsExactly(new RuleFile("a.epl", "select 1"), new RuleFile("b.epl", "select 2"));
  }

  @Test
  void load_directory_readsRuleLanguageFilesToo_notSubdirectories() throws IOException {
    Files.writeString(dir.resolve("b.vgl"), "rule b");
    Files.writeString(dir.resolve("a.epl"), "select 1");
    Files.createDirectories(dir.resolve("sub")).resolve("c.vgl").toFile().createNewFile();
    assertThat(RuleFiles.load(Optional.of(dir))).extracting(RuleFile::name).containsExactly("a.epl", "b.vgl");
  }

  @Test
  void load_missingDirectory_failsNamingTheKey() {
    assertThatThrownBy(() -> RuleFiles.load(Optional.of(dir.resolve("nope"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rules.dir");
  }

  @Test
  void load_invalidUtf8_failsNamingTheFile() throws IOException {
    Files.write(dir.resolve("bad.epl"), new byte[] {(byte) 0xc3, (byte) 0x28});
    assertThatThrownBy(() -> RuleFiles.load(Optional.of(dir))).hasMessageContaining("bad.epl");
  }

  @Test
  void load_noDirectory_readsBundleWithoutFailing() {
    List<RuleFile> bundled = RuleFiles.load(Optional.empty());
    assertThat(bundled).allSatisfy(r -> assertThat(r.name()).matches(".*\\.(epl|vgl)"));
    assertThat(bundled).extracting(RuleFile::name).contains("rapid_fire.epl", "06_card_testing.vgl")
        .doesNotContain("01_large_foreign_transaction.vgl", "11_amount_outlier.vgl");
  }
}
