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
   * use as a field); {@code null} when some mention is not {@code stats.<name>}. Comments and
   * string literals do not count: a comment saying "stats holds ..." above a rule made every event
   * of its runtime carry all ~40 statistics, with the event, in every window (docs/performance.md,
   * "Memory").
   */
  static Set<String> statsRead(String epl) {
    String code = code(epl);
    int mentions = 0;
    for (Matcher m = STATS.matcher(code); m.find(); ) {
      mentions++;
    }
    Set<String> names = new TreeSet<>();
    for (Matcher m = STATS_PROPERTY.matcher(code); m.find(); ) {
      names.add(m.group(1));
      mentions--;
    }
    return mentions == 0 ? Set.copyOf(names) : null;
  }

  /** {@code epl} with its comments and the contents of its string literals blanked out. */
  static String code(String epl) {
    StringBuilder out = new StringBuilder(epl.length());
    int i = 0;
    while (i < epl.length()) {
      char c = epl.charAt(i);
      if (c == '/' && i + 1 < epl.length() && epl.charAt(i + 1) == '/') {
        int end = epl.indexOf('\n', i);
        i = end < 0 ? epl.length() : end;
        out.append(' ');
      } else if (c == '/' && i + 1 < epl.length() && epl.charAt(i + 1) == '*') {
        int end = epl.indexOf("*/", i + 2);
        i = end < 0 ? epl.length() : end + 2;
        out.append(' ');
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < epl.length() && epl.charAt(j) != c) {
          j += epl.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(j + 1, epl.length());
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
