package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.ast.SourceUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical printer: parse(print(tree)) == tree ignoring spans, and formatting is idempotent. */
class RoundTripTest {

  private final RuleCompiler compiler = new RuleCompiler();

  private void roundTrips(String text) throws Exception {
    SourceUnit tree = compiler.parse("t", text);
    String printed = RuleCompiler.format("t", text);
    SourceUnit again = compiler.parse("t", printed);
    assertThat(Structure.of(again)).as(printed).isEqualTo(Structure.of(tree));
    assertThat(RuleCompiler.format("t", printed)).isEqualTo(printed);
  }

  @Test
  void samples_roundTrip() throws Exception {
    try (var files = Files.list(Path.of("../samples/rules/dsl"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".vgl")).sorted().toList()) {
        roundTrips(Files.readString(p));
      }
    }
  }

  @Test
  void evidenceClause_roundTrips() throws Exception {
    String text = "rule v\n  by user_id\n  when transaction over sliding 5m having count() > 2\n  evidence window\n";
    roundTrips(text);
    assertThat(RuleCompiler.format("t", text)).contains("\n  evidence window\n");
  }

  @Test
  void expressions_keepTheirTreeWithMinimalParentheses() throws Exception {
    List<String> exprs = List.of(
        "a > 1 or b < 2 and not c == 3",
        "(a > 1 or b < 2) and c",
        "not (a and b)",
        "not not a",
        "a - (b - c) > d * (e + f) % g",
        "-(a + b) > - -c",
        "a / b / c > (a / b) / c",
        "x in (1, -2, 3.50) and y not in (\"a\", \"b\\\"q\")",
        "x between 1 + 1 and 2 * 3 and not y not between \"a\" and \"b\"",
        "s matches \"[a-z]+\\\\d\" and s not matches \"x\"",
        "s is null or t is not null and u starts_with \"a\" or v ends_with \"b\" or w contains \"c\"",
        "stats.mean(amount, 30d) + zscore(amount) > stats.count((amount))",
        "stats.last_seen > 0 and stats.last_seen() < 9 and not stats.seen(country, 30d)",
        "new_device",
        "(a == b) == (c == d)");
    for (String e : exprs) {
      roundTrips("rule r\n  when transaction where " + e + "\n");
    }
  }

  @Test
  void templates_roundTripWithBracesAndQuotes() throws Exception {
    roundTrips("rule r\n  when transaction over all having ratio(status == \"declined\") > 0.5\n"
        + "  alert \"{{x}} \\\"q\\\" \\\\ {sum(amount)} {count()}\"\n");
  }

  @Test
  void everyClause_roundTrips() throws Exception {
    roundTrips("""
        event e (id: string key required, n: integer, t: timestamp, ok: boolean, x: number)
        rule r
          tags a, b
          version 3
          suppress 90s
          alert "x"
          by id
          severity critical
          title "T"
          when sequence within 500ms
            e where n > 1
            not e where n < e.n
        """);
  }

  @Test
  void format_canonicalLayout() throws Exception {
    String messy = "rule   r   severity high by user_id when transaction where amount>5 and(country==\"US\")";
    assertThat(RuleCompiler.format("t", messy)).isEqualTo("""
        rule r
          severity high
          by       user_id
          when     transaction where amount > 5 and country == "US"
        """);
  }
}
