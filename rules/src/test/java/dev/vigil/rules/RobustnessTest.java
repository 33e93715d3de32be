package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated samples (characters deleted, duplicated or replaced, with a fixed seed) never crash the
 * compiler: every outcome is a compiled set or diagnostics with valid spans.
 */
class RobustnessTest {

  private static final String ALPHABET = "()\",:.{}#=<>!+-*/% \nabcxyz019_'\\";

  @Test
  void mutatedSamples_produceDiagnosticsNeverExceptions() throws Exception {
    List<String> samples = new ArrayList<>();
    try (var files = Files.list(Path.of("../samples/rules/dsl"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".vgl")).sorted().toList()) {
        samples.add(Files.readString(p));
      }
    }
    RuleCompiler compiler = new RuleCompiler();
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder(samples.get(random.nextInt(samples.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      String source = text.toString();
      List<Diagnostic> ds = compiler.check("m.vgl", source);
      for (Diagnostic d : ds) {
        assertThat(d.span().end()).as(source).isLessThanOrEqualTo(source.length());
        assertThat(DiagnosticRenderer.render("m.vgl", source, d)).isNotEmpty();
        assertThat(d.code()).as("checked rules always have safe EPL: %s", source).isNotEqualTo(DiagnosticCode.UNSAFE_OUTPUT);
      }
    }
  }
}
