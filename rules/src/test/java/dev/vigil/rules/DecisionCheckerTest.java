package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and checking of decision blocks: each test marks the expected span with «». */
class DecisionCheckerTest {

  private static final String HEAD = "decision d on transaction\n";
  private final RuleCompiler compiler = new RuleCompiler();

  private Diagnostic only(String marked) {
    Marked m = Marked.of(marked);
    List<Diagnostic> ds = compiler.check("t.vgl", m.text());
    assertThat(ds).as("diagnostics of %s", m.text()).hasSize(1);
    assertThat(ds.get(0).span()).isEqualTo(m.span());
    return ds.get(0);
  }

  @Test
  void issueExample_compilesToOneDecisionWithLinesInOrder() throws Exception {
    String text = java.nio.file.Files.readString(java.nio.file.Path.of("../samples/rules/dsl/payment_risk.vgl"));
    CompiledDecision d = compiler.compile("p.vgl", text).decisions().get(0);
    assertThat(d.name()).isEqualTo("payment_risk");
    assertThat(d.eventType()).isEqualTo("transaction");
    assertThat(d.by()).isEqualTo("user_id");
    assertThat(d.scores()).extracting(CompiledDecision.ScoreLine::points).containsExactly(40, 30, 50);
    assertThat(d.scores().get(1).label()).isEqualTo("new country for user");
    assertThat(d.verdicts()).extracting(CompiledDecision.VerdictLine::outcome).containsExactly("block", "review", "allow");
    assertThat(d.verdicts().get(2).condition()).isNull();
    assertThat(d.source()).startsWith("decision payment_risk").endsWith("allow  otherwise");
  }

  @Test
  void negativePointsAndExplicitKey_areAccepted() throws Exception {
    CompiledDecision d = compiler.compile("t", "decision d on transaction by card_id\n"
        + "  score -20 \"known merchant\" when merchant_id in (\"m1\", \"m2\")\n  allow otherwise\n").decisions().get(0);
    assertThat(d.by()).isEqualTo("card_id");
    assertThat(d.scores().get(0).points()).isEqualTo(-20);
  }

  @Test
  void statisticsOfAKeyNotKept_areR2030_alsoForTheDefaultKey() {
    RuleCompiler cardOnly =
        new RuleCompiler().keeping(StatisticsScope.EVERYTHING.withKeys(java.util.Set.of("card_id")));
    Marked m = Marked.of(HEAD + "  score 40 \"far\" when «zscore(amount)» > 3\n  allow otherwise\n");
    List<Diagnostic> ds = cardOnly.check("t.vgl", m.text());
    assertThat(ds).extracting(Diagnostic::code).containsExactly(DiagnosticCode.STATS_NOT_KEPT);
    assertThat(ds.get(0).span()).isEqualTo(m.span());
    assertThat(cardOnly.check("t.vgl", "decision d on transaction by card_id\n"
        + "  score 40 \"far\" when zscore(amount) > 3\n  allow otherwise\n")).isEmpty();
  }

  @Test
  void missingOtherwise_isReportedAtTheName() {
    Diagnostic d = only("decision «d» on transaction\n  block when amount > 1\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.MISSING_CLAUSE);
    assertThat(d.hint()).isEqualTo("end it with the default outcome, e.g. allow otherwise");
  }

  @Test
  void otherwiseNotLast_isReported() {
    Diagnostic d = only(HEAD + "  «allow otherwise»\n  block when amount > 1\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_DECISION);
    assertThat(d.message()).isEqualTo("the 'otherwise' line must be the last line of the decision");
  }

  @Test
  void scoreInAScoreLine_isUnknownWithAHint() {
    Diagnostic d = only(HEAD + "  score 10 \"x\" when «score» > 5\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_FIELD);
    assertThat(d.hint()).contains("review when score >= 50");
  }

  @Test
  void scoreInAVerdict_isANumber() {
    Diagnostic d = only(HEAD + "  block when «score == \"high\"»\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
  }

  @Test
  void decimalPoints_areRefused() {
    Diagnostic d = only(HEAD + "  score «1.5» \"x\" when amount > 1\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_LITERAL);
  }

  @Test
  void unknownType_suggestsNearest() {
    Diagnostic d = only("decision d on «transacton»\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_EVENT_TYPE);
    assertThat(d.hint()).isEqualTo("did you mean 'transaction'?");
  }

  @Test
  void byNotAKey_isReported() {
    Diagnostic d = only("decision d on transaction by «country»\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.NOT_A_KEY);
  }

  @Test
  void alertedWithAnExpression_isBadArguments() {
    Diagnostic d = only(HEAD + "  score 1 \"x\" when alerted(«\"card_testing\"», 1h)\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
  }

  @Test
  void alertedInADetectionRule_isRefused() {
    Diagnostic d = only("rule r\n  by user_id\n  when transaction where «alerted(x, 1h)»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING);
    assertThat(d.message()).isEqualTo("'alerted' can only be used in a decision");
  }

  @Test
  void alertedHorizonBeyondLimit_isReported() {
    Diagnostic d = only(HEAD + "  score 1 \"x\" when alerted(card_testing, «91d»)\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.LIMIT_EXCEEDED);
  }

  @Test
  void statsWithoutAnyKey_needAKey() {
    Diagnostic d = only("event reading (celsius: number)\ndecision d on reading\n"
        + "  score 1 \"x\" when «stats.mean(celsius)» > 1\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.STATS_NEED_KEY);
  }

  @Test
  void twoDecisionsOnOneType_areRefused() {
    Diagnostic d = only("decision a on transaction\n  allow otherwise\ndecision b on «transaction»\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_DECISION);
  }

  @Test
  void unknownLineWord_suggestsNearest() {
    Diagnostic d = only(HEAD + "  «reveiw» when amount > 1\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_CLAUSE);
    assertThat(d.hint()).isEqualTo("did you mean 'review'?");
  }

  @Test
  void verdictWithoutWhen_isASyntaxError() {
    Diagnostic d = only(HEAD + "  block «score» >= 90\n  allow otherwise\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPECTED);
    assertThat(d.message()).isEqualTo("expected 'when' or 'otherwise' after 'block' but found 'score'");
  }

  @Test
  void errorsInTwoLines_bothReported_andTheNextDeclarationStillParses() {
    String text = HEAD + "  score x \"a\" when amount > 1\n  block when amount >\n  allow otherwise\nrule r\n  when transacton\n";
    assertThat(compiler.check("t", text)).extracting(d -> d.code().code()).containsExactly("R1010", "R1014");
  }

  @Test
  void decisionsAndRules_shareAFile_andFormatRoundTrips() throws Exception {
    String text = "rule r\n  when transaction where amount > 1\n" + HEAD
        + "  score 5 \"big \\\"q\\\"\" when amount > 1 and not (country in (\"US\"))\n  review when score >= 5\n  allow otherwise\n";
    CompiledRuleSet set = compiler.compile("t", text);
    assertThat(set.rules()).hasSize(1);
    assertThat(set.decisions()).hasSize(1);
    String formatted = RuleCompiler.format("t", text);
    assertThat(RuleCompiler.format("t", formatted)).isEqualTo(formatted);
    assertThat(formatted).contains("decision d on transaction\n  score 5 \"big \\\"q\\\"\" when amount > 1 and not country in (\"US\")\n");
  }
}
