package dev.vigil.api.cli;

import dev.vigil.api.config.ConfigException;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.DiagnosticRenderer;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil rules validate <files...>} and {@code vigil rules test <dir>}: offline checks of
 * rule files for an analyst's own CI. Exit codes: 0 all good, 1 a rule error or a failed test, 2
 * a wrong command line or node configuration.
 */
public final class RulesCommand {

  static final String USAGE = """
      Usage: java -jar vigil.jar rules [--config FILE] validate <file.vgl>...
             java -jar vigil.jar rules [--config FILE] test <dir>

        validate   compile rule files (types declared in earlier files are known to later ones);
                   prints every error with its line, column and a caret
        test       run the rule tests of a directory: for NAME.events.ndjson, the rules of
                   NAME.vgl must raise exactly the alerts of NAME.expected.json

      Both check against the statistics a node with the same configuration keeps (--config FILE,
      else the file in VIGIL_CONFIG or ./vigil.yaml, then VIGIL_* variables: stats.entity_keys,
      stats.dimensions): a rule reading statistics the node does not keep fails with R2030, as it
      would on deploy.""";

  private RulesCommand() {}

  /**
   * Runs as {@code vigil rules} does: the statistics kept are those of the node configuration
   * that {@code --config FILE} (else {@code VIGIL_CONFIG} or {@code ./vigil.yaml}) and {@code env}
   * describe, as for {@code vigil server}.
   *
   * @param args the arguments after {@code rules}
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String configPath = null;
    if (args.length >= 2 && args[0].equals("--config")) {
      configPath = args[1];
      args = Arrays.copyOfRange(args, 2, args.length);
    }
    StatisticsScope kept;
    try {
      kept = kept(VigilConfig.load(VigilConfig.locate(configPath, env, Path.of("")), env));
    } catch (ConfigException e) {
      err.println("vigil: " + e.getMessage());
      return 2;
    }
    return run(args, kept, out, err);
  }

  static int run(String[] args, StatisticsScope kept, PrintStream out, PrintStream err) {
    if (args.length >= 2 && args[0].equals("validate")) {
      return validate(Arrays.stream(args, 1, args.length).map(Path::of).toList(), kept, out, err);
    }
    if (args.length == 2 && args[0].equals("test")) {
      return new RuleTests(out, err, kept).runAll(Path.of(args[1]));
    }
    err.println(USAGE);
    return 2;
  }

  /** What a node with {@code config} keeps, as its engine compiles (everything with statistics off). */
  static StatisticsScope kept(VigilConfig config) {
    VigilConfig.Stats s = config.stats();
    return s.enabled() ? StatisticsScope.of(s.entityKeys(), s.dimensions()) : StatisticsScope.EVERYTHING;
  }

  static int validate(List<Path> files, StatisticsScope kept, PrintStream out, PrintStream err) {
    List<EventType> declared = new ArrayList<>();
    int failed = 0;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        err.println(file + ": cannot read: " + e.getMessage());
        failed++;
        continue;
      }
      try {
        CompiledRuleSet set =
            new RuleCompiler(declared, Limits.defaults()).keeping(kept).compile(file.toString(), text);
        declared.addAll(set.declaredTypes());
        if (!set.warnings().isEmpty()) {
          out.print(DiagnosticRenderer.render(file.toString(), text, set.warnings()));
        }
        out.println(file + ": ok, " + set.rules().size() + " rule(s)");
      } catch (RuleException e) {
        err.print(e.render());
        failed++;
      }
    }
    if (failed > 0) {
      err.println(failed + " of " + files.size() + " file(s) have errors");
      return 1;
    }
    return 0;
  }
}
