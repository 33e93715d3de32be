package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules directory at start: operator EPL files pass through, rule-language files are compiled
 * to EPL against every known event type (built-in, stored, and declared by earlier files). The
 * types the files declare are registered only once every file compiled, so a bad file changes
 * nothing; a declaration that contradicts a known type fails the start.
 */
public final class FileRules {

  /**
   * @param epl the files as the rule backend takes them (rule-language files as their EPL)
   * @param ruleSources rule id to its own source text, for rule-language rules
   * @param fileTexts file name to text, for the EPL files
   */
  public record Loaded(List<RuleFile> epl, Map<String, String> ruleSources, Map<String, String> fileTexts) {}

  private FileRules() {}

  /**
   * @param kept the statistics the node keeps
   * @throws RuleLoadException with the rendered diagnostics ({@code file:line:col}, caret, hint)
   */
  public static Loaded compile(List<RuleFile> files, TypeRegistry types, StatisticsScope kept)
      throws RuleLoadException {
    Map<String, EventType> pending = new LinkedHashMap<>();
    List<RuleFile> epl = new ArrayList<>();
    Map<String, String> sources = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    for (RuleFile file : files) {
      if (!DslRules.isDsl(file.name())) {
        epl.add(file);
        texts.put(file.name(), file.text());
        continue;
      }
      List<EventType> known = new ArrayList<>(types.all());
      known.addAll(pending.values());
      DslRules.Compiled compiled;
      try {
        compiled = DslRules.compile(file.name(), file.text(), known, kept, 1);
      } catch (RuleException e) {
        throw new RuleLoadException(e.render().stripTrailing(), e);
      }
      for (EventType t : compiled.set().declaredTypes()) {
        EventType existing = types.get(t.name()).orElse(pending.get(t.name()));
        if (existing != null && !existing.equals(t)) {
          throw new RuleLoadException(
              file.name() + ": event type '" + t.name() + "' is already declared with different fields", null);
        }
        pending.putIfAbsent(t.name(), t);
      }
      for (CompiledRule r : compiled.set().rules()) {
        sources.put(r.id(), r.source());
      }
      epl.add(compiled.epl());
    }
    for (EventType t : pending.values()) {
      try {
        types.declare(t);
      } catch (dev.vigil.engine.EventTypeConflictException | IllegalArgumentException e) {
        throw new RuleLoadException("event type '" + t.name() + "': " + e.getMessage(), e);
      }
    }
    return new Loaded(epl, sources, texts);
  }
}
