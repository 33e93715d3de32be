package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import dev.vigil.engine.RuleInfo;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled operator rule: its metadata, which of its output rows are matches, the Esper module
 * that every runtime deploys, and which {@code stats} properties its text reads. Compared by
 * identity when runtimes sync to a new rule set.
 *
 * @param statsRead the {@code stats.<name>} properties the statement names; empty when it does not
 *     mention {@code stats}; {@code null} when it uses {@code stats} other than as {@code
 *     stats.<name>} (then every property is provided)
 */
record CompiledRule(RuleInfo info, RuleAnnotations.Firing firing, EPCompiled compiled, Set<String> statsRead) {

  private static final Pattern STATS = Pattern.compile("\\bstats\\b");
  private static final Pattern STATS_PROPERTY = Pattern.compile("\\bstats\\s*\\.\\s*(\\w+)");

  /**
   * The {@code stats} properties {@code epl} names ({@code stats} is a word a custom type cannot
   * use as a field); {@code null} when some mention is not {@code stats.<name>}.
   */
  static Set<String> statsRead(String epl) {
    int mentions = 0;
    for (Matcher m = STATS.matcher(epl); m.find(); ) {
      mentions++;
    }
    Set<String> names = new TreeSet<>();
    for (Matcher m = STATS_PROPERTY.matcher(epl); m.find(); ) {
      names.add(m.group(1));
      mentions--;
    }
    return mentions == 0 ? Set.copyOf(names) : null;
  }
}
