package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import dev.vigil.engine.RuleInfo;

/**
 * One compiled operator rule: its metadata, which of its output rows are matches, and the Esper
 * module that every runtime deploys, and whether it reads {@code stats} (if the text mentions it). Compared by identity when runtimes sync to a new rule set.
 */
record CompiledRule(RuleInfo info, RuleAnnotations.Firing firing, EPCompiled compiled, boolean readsStats) {

  private static final java.util.regex.Pattern STATS = java.util.regex.Pattern.compile("\\bstats\\b");

  /** Whether the statement text names {@code stats} (a word a custom type cannot use as a field). */
  static boolean readsStats(String epl) {
    return STATS.matcher(epl).find();
  }
}
