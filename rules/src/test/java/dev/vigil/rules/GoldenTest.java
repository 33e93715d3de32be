package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files (as jlox's tests): each {@code golden/*.vgl} is checked and its rendered
 * diagnostics compared with {@code *.expected} beside it. To accept new output after reviewing it,
 * run with {@code -Dgolden.update=true}.
 */
class GoldenTest {

  private static final Path DIR = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> goldenFiles_renderExactlyTheExpectedDiagnostics() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".vgl")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path file) throws IOException {
    String name = file.getFileName().toString();
    String text = Files.readString(file);
    String actual = DiagnosticRenderer.render(name, text, new RuleCompiler().check(name, text));
    Path expected = file.resolveSibling(name.replace(".vgl", ".expected"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
  }
}
