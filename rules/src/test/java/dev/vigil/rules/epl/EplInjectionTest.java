package dev.vigil.rules.epl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.schema.BuiltInTypes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Injection probes: EPL fragments, quotes, backslashes, unicode escapes, Java calls, annotations
 * and comment terminators are pushed through every place rule text can reach EPL. Each is either
 * rejected with a diagnostic, or appears in the EPL only inside a correctly escaped string literal
 * (checked by removing all literals and asserting the rest is exactly what a clean rule yields).
 */
class EplInjectionTest {

  private static final List<String> PAYLOADS = List.of(
      "'; select * from transaction; //",
      "' || java.lang.System.exit(0) || '",
      "\\' or 1=1 --",
      "\\\\'); @Hook(type=HookType.SQLCOL, hook='x') select 1; /*",
      "*/ select * from pattern [every a=transaction] /*",
      "\\u0027) or (1=1",
      "Runtime.getRuntime().exec('rm -rf /')",
      "${java:os} #{1+1} `backtick` \"dq\"",
      "@Name('evil') create expression x { 1 }",
      "import java.lang.*; inline class X {}");

  private final RuleCompiler compiler = new RuleCompiler();

  /** Writes a payload as a DSL string literal (only " and \ need escaping in the DSL). */
  private static String dsl(String payload) {
    return "\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String stripLiterals(String epl) {
    return Pattern.compile("'(?:\\\\.|[^'\\\\])*'").matcher(epl).replaceAll("'L'");
  }

  /** Every single-quoted literal in the EPL, unescaped as Esper reads it. */
  private static List<String> literals(String epl) {
    Matcher m = Pattern.compile("'((?:\\\\.|[^'\\\\])*)'").matcher(epl);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replaceAll("\\\\(.)", "$1"));
    }
    return out;
  }

  private String epl(String text) throws RuleException {
    return compiler.compile("probe.vgl", text).rules().get(0).epl();
  }

  @Test
  void payloadsInStringLiterals_stayInsideEscapedLiterals() throws Exception {
    String clean = epl(rule("\"x\"", "\"x\"", "\"x\""));
    for (String p : PAYLOADS) {
      String epl = epl(rule(dsl(p), dsl(p), dsl(p)));
      assertThat(stripLiterals(epl)).as(p).isEqualTo(stripLiterals(clean));
      assertThat(literals(epl)).as(p).contains(p);
    }
  }

  private static String rule(String compared, String message, String title) {
    return "rule probe\n  title " + title + "\n  by user_id\n  when transaction where channel == " + compared
        + " and channel in (" + compared + ", \"y\") and channel starts_with " + compared
        + " and channel matches " + regex(compared)
        + "\n  alert " + message.replace("{", "{{").replace("}", "}}") + "\n";
  }

  @Test
  void payloads_runInEsperAsPlainData() throws Exception {
    for (String p : PAYLOADS) {
      String epl = epl(rule(dsl(p), dsl(p), dsl(p)));
      try (EsperHarness h = new EsperHarness(BuiltInTypes.all(), epl, dev.vigil.rules.Firing.ON_EVENT)) {
        h.send("transaction", 1, "user_id", "u", "amount", 1, "currency", "EUR", "channel", p + "x");
        h.send("transaction", 2, "user_id", "u", "amount", 1, "currency", "EUR", "channel", p);
        assertThat(h.rows()).as(p).hasSize(1);
        assertThat(h.rows().get(0).get("message")).as(p).isEqualTo(p);
      }
    }
  }

  /** A DSL regex literal matching exactly the string of the DSL literal {@code compared}. */
  private static String regex(String compared) {
    String value = compared.substring(1, compared.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    StringBuilder re = new StringBuilder();
    for (char c : value.toCharArray()) {
      re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
    }
    return dsl(re.toString());
  }

  @Test
  void likePatterns_escapeWildcards() throws Exception {
    String epl = epl("rule r\n  when transaction where channel contains \"50%_off!\"\n");
    assertThat(epl).contains("like '%50!%!_off!!%' escape '!'");
  }

  @Test
  void payloadsAsNames_areRejected() {
    List<String> names = List.of(
        "evil'", "a;b", "x) or (1", "System.exit", "Runtime.exec(\"x\")", "@Hook", "a/*", "é", "A_Upper",
        "transaction(amount > 1)", "`x`");
    for (String n : names) {
      for (String text : List.of(
          "rule " + n + "\n  when transaction\n",
          "rule r\n  by " + n + "\n  when transaction\n",
          "rule r\n  when " + n + "\n",
          "rule r\n  when transaction where " + n + " == 1\n",
          "rule r\n  tags " + n + "\n  when transaction\n",
          "event " + n + " (id: string key)\nrule r\n  when transaction\n",
          "rule r\n  when sequence within 1m\n    " + n + ": transaction\n    transaction\n")) {
        assertThat(problems(text)).as(text).isNotEmpty();
      }
    }
  }

  @Test
  void javaAndScriptConstructs_cannotBeExpressed() {
    List<String> probes = List.of(
        "java.lang.System.exit(0) == 0",
        "Runtime.exec(\"rm\") == 1",
        "System.exit(0) == 0",
        "transaction.amount.getClass() == 1",
        "amount > 1; select * from login",
        "amount > 1 /* x */",
        "amount > 1 -- x",
        "@Hook(x) == 1",
        "amount > 1 join login",
        "cast(amount, string) == \"1\"",
        "expression == 1 and script(\"js\") == 1",
        "amount in (select amount from login)");
    for (String p : probes) {
      assertThat(problems("rule r\n  when transaction where " + p + "\n")).as(p).isNotEmpty();
    }
  }

  @Test
  void controlCharactersAndUnicodeEscapesInStrings_areRejectedOrInert() throws Exception {
    assertThat(problems("rule r\n  title \"a\nb\"\n  when transaction\n")).isNotEmpty();
    assertThat(problems("rule r\n  title \"a\tb\"\n  when transaction\n")).isNotEmpty();
    assertThat(problems("rule r\n  title \"a\\nb\"\n  when transaction\n")).isNotEmpty();
    assertThat(problems("rule r\n  title \"a\u202Eb\"\n  when transaction\n")).isNotEmpty();
    assertThat(problems("rule r\n  title \"\\u0027\"\n  when transaction\n")).isNotEmpty();
    // A literal backslash followed by u0027 is data: the backslash is doubled in EPL.
    String epl = epl("rule r\n  title \"\\\\u0027\"\n  when transaction\n");
    assertThat(epl).contains("'\\\\u0027' as message");
  }

  @Test
  void generatedEpl_usesOnlyWhitelistedConstructs() throws Exception {
    for (String file : List.of("01_large_foreign_transaction.vgl", "02_velocity_sliding.vgl",
        "03_merchant_declines_tumbling.vgl", "04_session_spree.vgl", "05_running_total.vgl", "06_card_testing.vgl",
        "07_account_takeover.vgl", "08_unsettled_authorization.vgl", "09_impossible_travel.vgl",
        "10_shared_device.vgl", "12_overheating_sensor.vgl")) {
      CompiledRule r = SampleRulesEsperTest.compile(file).rules().get(0);
      String code = stripLiterals(r.epl());
      assertThat(code).as(file).doesNotContain("java.", "/*", "//", "--", "import", "script", "create", "insert",
          "into", "join", "@Hook", "@Audit", "new ", "on ");
      assertThat(code.split("@", -1).length - 1).as(file).isEqualTo(r.by() == null ? 3 : 4);
      assertThat(code.chars().filter(c -> c == ';').count()).as(file).isEqualTo(1);
    }
  }

  private List<Diagnostic> problems(String text) {
    return compiler.check("probe.vgl", text);
  }

  static {
    BuiltInTypes.all();
  }

  /** Statistics take a field name and a kept horizon only; anything else is refused before EPL. */
  @Test
  void statisticsArguments_onlyFieldNamesAndKeptHorizons() {
    for (String arg : List.of("\"amount\"", "amount + 1", "a.amount", "sum(amount)", "stats.mean(amount)",
        "amount, \"30d\"", "amount, 30d, 30d", "amount, 31d", "amount, amount", "stats", "java.lang.System",
        "x_y_z", "timestamp", "currency")) {
      String text = "rule r\n  by user_id\n  when transaction where stats.mean(" + arg + ") > 1\n";
      List<Diagnostic> ds = compiler.check("probe.vgl", text);
      assertThat(ds).as(arg).isNotEmpty().allMatch(Diagnostic::isError);
    }
    for (String arg : List.of("\"country\"", "country + \"x\"", "ip", "country, 24h", "country, \"'; drop\"")) {
      String text = "rule r\n  by user_id\n  when transaction where stats.distinct(" + arg + ") > 1\n";
      assertThat(compiler.check("probe.vgl", text)).as(arg).isNotEmpty();
    }
  }

  /** What reaches EPL from a statistics call is {@code stats.} and a name built from checked identifiers. */
  @Test
  void statisticsCalls_emitOnlyStatsPropertyNames() throws Exception {
    String epl = epl("rule r\n  by user_id\n  when transaction where stats.mean(amount, 30d) > 1 and stats.seen(country)"
        + " and zscore(amount) > 3 and stats.last_seen > 0 and stats.distinct(card_id, 30d) > 2\n");
    Matcher m = Pattern.compile("stats\\.[^ )]*").matcher(epl);
    List<String> props = new java.util.ArrayList<>();
    while (m.find()) {
      props.add(m.group());
    }
    assertThat(props).containsExactly("stats.mean_amount_30d", "stats.seen_country", "stats.zscore_amount",
        "stats.last_seen", "stats.distinct_card_id_30d");
  }
}
