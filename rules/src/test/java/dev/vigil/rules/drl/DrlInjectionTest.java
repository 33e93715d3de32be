package dev.vigil.rules.drl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Injection probes for decisions: DRL/Java/MVEL fragments, quotes, backslashes, unicode escapes
 * and comment terminators pushed through every place decision text can reach DRL. Each is either
 * rejected, or appears in the DRL only inside a correctly escaped string literal (checked by
 * replacing all literals and comparing with a clean decision). Labels never reach the DRL. The
 * engine module runs the same payloads through real Drools (DroolsInjectionTest).
 */
class DrlInjectionTest {

  static final List<String> PAYLOADS = List.of(
      "\"); System.exit(0); (\"",
      "\\\"); System.exit(0); //",
      "\\u0022); System.exit(0); //",
      "\\\\u0022 + java.lang.Runtime.getRuntime().exec(\"id\") + \\u0022",
      "*/ end rule \"x\" when then System.exit(0); end /*",
      "${java:os} #{1+1} `bt` 'sq' $in.verdict(0)",
      "modify($in) { } insert(new Object()) eval(true)",
      "\\",
      "import static java.lang.System.exit; function void f() {}");

  private final RuleCompiler compiler = new RuleCompiler();

  static String dsl(String payload) {
    return "\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private String drl(String text) throws RuleException {
    return compiler.compile("probe.vgl", text).decisions().get(0).drl();
  }

  private static String decision(String literal, String label) {
    return "decision d on transaction\n"
        + "  score 10 " + label + " when country == " + literal + " or merchant_id starts_with " + literal
        + " or status ends_with " + literal + " or ip contains " + literal + " or channel in (\"a\", " + literal + ")\n"
        + "  review when score >= 10 and currency != " + literal + "\n"
        + "  allow otherwise\n";
  }

  /** Java string literals of the DRL, unescaped as javac reads them (only \" and \\ occur). */
  static List<String> literals(String drl) {
    Matcher m = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"").matcher(drl);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
    }
    return out;
  }

  static String stripLiterals(String drl) {
    return Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"").matcher(drl).replaceAll("\"L\"");
  }

  @Test
  void payloadsInStringLiterals_stayInsideEscapedLiterals() throws Exception {
    String clean = stripLiterals(drl(decision("\"x\"", "\"label\"")));
    for (String p : PAYLOADS) {
      String drl = drl(decision(dsl(p), dsl(p)));
      assertThat(stripLiterals(drl)).as(p).isEqualTo(clean);
      assertThat(literals(drl)).as(p).contains(p);
      // A user backslash is always doubled, so no \\u in the output can be a live Java unicode escape.
      assertThat(Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u").matcher(drl).find()).as(p).isFalse();
    }
  }

  @Test
  void labels_neverReachTheDrl() throws Exception {
    String drl = drl(decision("\"x\"", "\"UNIQUE-LABEL-7\""));
    assertThat(drl).doesNotContain("UNIQUE-LABEL-7");
  }

  @Test
  void payloadsAsNames_areRejected() {
    for (String name : List.of("d\"); System.exit(0", "D", "d.x", "java.lang.System")) {
      String text = "decision " + name + " on transaction\n  allow otherwise\n";
      assertThat(compiler.check("p", text)).as(name).isNotEmpty();
    }
    assertThat(compiler.check("p", "decision d on transaction\n  score 1 \"x\" when alerted(java.lang.System, 1h)\n  allow otherwise\n"))
        .isNotEmpty();
    assertThat(compiler.check("p", "decision d on transaction\n  score 1 \"x\" when alerted(\"rm -rf\", 1h)\n  allow otherwise\n"))
        .extracting(d -> d.code()).containsExactly(DiagnosticCode.BAD_ARGUMENTS);
  }

  @Test
  void javaAndMvelConstructs_cannotBeExpressed() {
    List<String> conditions = List.of(
        "System.exit(0)", "java.lang.System.exit(0) == 1", "new Object() == 1", "amount.getClass() == 1",
        "eval(true)", "$in.verdict(0)", "amount > 1; insert(x)", "modify(amount)", "amount > 1 || true",
        "stats.mean(amount.x) > 1", "score(1) > 1");
    for (String c : conditions) {
      String text = "decision d on transaction\n  score 1 \"x\" when " + c + "\n  allow otherwise\n";
      assertThatThrownBy(() -> compiler.compile("p", text)).as(c).isInstanceOf(RuleException.class);
    }
  }

  @Test
  void generatedDrl_usesOnlyWhitelistedWords() throws Exception {
    Set<String> allowed = Set.of("package", "vigil", "decisions", "import", "dev", "engine", "internal", "drools",
        "DecisionInput", "Reason", "Scored", "rule", "salience", "when", "then", "end", "insert", "new",
        "decision", "isTrue", "accumulate", "points", "sum", "reason", "verdict", "score", "field", "num", "stat",
        "lastSeen", "seen", "zscore", "alerted", "and3", "or3", "not3", "eq", "ne", "lt", "le", "gt", "ge", "add", "sub", "mul",
        "div", "mod", "neg", "prefix", "suffix", "infix", "regex", "isNull", "null", "Boolean", "TRUE", "FALSE", "L");
    String text = "decision d on transaction\n"
        + "  score 10 \"a\" when -amount * 2 / 3 % 4 + 1 - 1 > 0 and amount between 1 and 2 and ip matches \"a.*\"\n"
        + "  score 10 \"b\" when stats.mean(amount, 1d) > stats.stddev(amount) and stats.distinct(country) >= 1\n"
        + "  score 10 \"c\" when stats.last_seen is not null and not stats.seen(device_id) and new_device == true\n"
        + "  score 10 \"d\" when zscore(amount) > 1 or alerted(card_testing, 1h) or country is null\n"
        + "  block when score > 30 and country not in (\"US\") and amount not between 1 and 2\n"
        + "  allow otherwise\n";
    compiler.compile("p", "event x (a: string)\n");
    String drl = drl(text.replace("new_device == true", "status == \"s\""));
    Set<String> words = new TreeSet<>();
    Matcher m = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*").matcher(stripLiterals(drl));
    while (m.find()) {
      words.add(m.group());
    }
    words.removeIf(w -> w.startsWith("$") || w.matches("[0-9]+L"));
    assertThat(allowed).containsAll(words);
  }
}
