package dev.vigil.api.config;

import dev.vigil.engine.RuleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the operator's rule files: every {@code *.vgl} (rule language) and {@code *.epl} (trusted
 * operator EPL) file of {@code rules.dir} (not its subdirectories) in name order, or, when {@code
 * rules.dir} is empty, the sample rules bundled on the class path under {@value #BUNDLE}.
 */
public final class RuleFiles {
  /** Class-path folder of the bundled sample rules. */
  public static final String BUNDLE = "vigil/sample-rules";

  private RuleFiles() {}

  /**
   * @throws ConfigException when the directory is missing or a file cannot be read as UTF-8
   */
  public static List<RuleFile> load(Optional<Path> dir) {
    return dir.isPresent() ? fromDirectory(dir.get()) : bundled();
  }

  /**
   * The rule-language files among {@link #load}'s, which may hold decision blocks: the decision
   * layer deploys those (docs/design/decisions.md).
   */
  public static List<RuleFile> loadDsl(Optional<Path> dir) {
    return load(dir).stream().filter(f -> f.name().endsWith(".vgl")).toList();
  }

  static List<RuleFile> fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException("invalid value for rules.dir: " + dir + " is not a directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files
          .filter(p -> isRuleFile(p.getFileName().toString()) && Files.isRegularFile(p))
          .sorted()
          .toList();
      List<RuleFile> out = new ArrayList<>();
      for (Path p : sorted) {
        out.add(read(p));
      }
      return out;
    } catch (IOException e) {
      throw new ConfigException("cannot list rules.dir " + dir + ": " + e, e);
    }
  }

  static boolean isRuleFile(String name) {
    return name.endsWith(".epl") || name.endsWith(".vgl");
  }

  static List<RuleFile> bundled() {
    URL url = RuleFiles.class.getClassLoader().getResource(BUNDLE);
    if (url == null) {
      return List.of();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return fromDirectory(fs.getPath(BUNDLE));
        } catch (FileSystemAlreadyExistsException e) {
          return fromDirectory(FileSystems.getFileSystem(uri).getPath(BUNDLE));
        }
      }
      return fromDirectory(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new ConfigException("cannot read the bundled sample rules: " + e, e);
    }
  }

  private static RuleFile read(Path p) {
    try {
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
      return new RuleFile(p.getFileName().toString(), text);
    } catch (CharacterCodingException e) {
      throw new ConfigException("rule file " + p + " is not valid UTF-8");
    } catch (IOException e) {
      throw new ConfigException("cannot read rule file " + p + ": " + e, new UncheckedIOException(e));
    }
  }
}
