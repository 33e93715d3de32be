package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleFile;
import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.Firing;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles rule-language files ({@code *.vgl}) into the operator-EPL form the rule backend
 * deploys. The generated EPL gets the tags the backend reads besides the compiler's: {@code
 * firing} (which rows are matches, from {@link CompiledRule#firing()}), {@code suppress} (e.g.
 * {@code 1h}) and {@code tags} (for subscription filters), so the EPL alone fully describes
 * how the rule behaves, wherever it is deployed.
 */
public final class DslRules {

  /** File name suffix of rule-language files. */
  public static final String SUFFIX = ".vgl";

  /** A compiled rule-language file and its EPL form. */
  public record Compiled(CompiledRuleSet set, RuleFile epl) {}

  private DslRules() {}

  public static boolean isDsl(String fileName) {
    return fileName.endsWith(SUFFIX);
  }

  /**
   * @param known every event type the engine knows; types declared in the file are added by the compiler
   * @param kept the statistics the node keeps
   * @param version the version of rules without a {@code version} clause
   * @throws RuleException with every diagnostic of the file
   */
  public static Compiled compile(String name, String text, Collection<EventType> known, StatisticsScope kept,
      int version) throws RuleException {
    CompiledRuleSet set = compiler(known, kept).compile(name, text, version);
    String epl = set.rules().stream().map(DslRules::tagged).collect(Collectors.joining(";\n\n"));
    return new Compiled(set, new RuleFile(name, epl));
  }

  /**
   * The compiler of a node that knows {@code known} and keeps the statistics {@code kept}.
   */
  public static RuleCompiler compiler(Collection<EventType> known, StatisticsScope kept) {
    return new RuleCompiler(known, Limits.defaults()).keeping(kept);
  }

  /** The rule's EPL with the engine's output tags in front of its annotations. */
  static String tagged(CompiledRule rule) {
    StringBuilder sb = new StringBuilder();
    sb.append("@Tag(name='firing', value='").append(rule.firing() == Firing.ON_TIME ? "on_time" : "on_event").append("')\n");
    if (rule.suppress() != null && rule.suppress().toMillis() > 0) {
      sb.append("@Tag(name='suppress', value='").append(shortDuration(rule.suppress().toMillis())).append("')\n");
    }
    if (!rule.tags().isEmpty()) {
      // Tags are [a-z][a-z0-9_]* identifiers (checked by the compiler): no quoting needed.
      sb.append("@Tag(name='tags', value='").append(String.join(",", rule.tags())).append("')\n");
    }
    return sb.append(rule.epl()).toString();
  }

  /** A duration in the largest unit that divides it, as {@code dev.vigil.engine.Durations} reads it. */
  static String shortDuration(long millis) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (millis % units[i] == 0) {
        return (millis / units[i]) + names[i];
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The built-in types, the known ones and those declared in {@code set}. */
  public static List<EventType> withDeclared(Collection<EventType> known, CompiledRuleSet set) {
    java.util.Map<String, EventType> all = new java.util.LinkedHashMap<>();
    dev.vigil.rules.schema.BuiltInTypes.all().forEach(t -> all.put(t.name(), t));
    known.forEach(t -> all.put(t.name(), t));
    set.declaredTypes().forEach(t -> all.putIfAbsent(t.name(), t));
    return List.copyOf(all.values());
  }
}
