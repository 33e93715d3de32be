package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Semantic checks: each test states the expected span with «», then asserts code, span, wording. */
class CheckerTest {

  private final RuleCompiler compiler = new RuleCompiler();

  private Diagnostic only(String marked) {
    return only(compiler, marked);
  }

  /** The one diagnostic {@code compiler} reports on {@code marked}, at its «» span. */
  private static Diagnostic only(RuleCompiler compiler, String marked) {
    Marked m = Marked.of(marked);
    List<Diagnostic> ds = compiler.check("t.vgl", m.text());
    assertThat(ds).as("diagnostics of %s", m.text()).hasSize(1);
    assertThat(ds.get(0).span()).isEqualTo(m.span());
    return ds.get(0);
  }

  @Test
  void unknownField_suggestsNearest() {
    Diagnostic d = only("rule r\n  when transaction where «amout» > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_FIELD);
    assertThat(d.message()).isEqualTo("unknown field 'amout' of event type 'transaction'");
    assertThat(d.hint()).isEqualTo("did you mean 'amount'?");
  }

  @Test
  void evidence_unknownWord_isRefused() {
    Diagnostic d = only("rule r\n  by user_id\n  when transaction over sliding 5m having count() > 2\n  evidence «events»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVIDENCE);
    assertThat(d.message()).isEqualTo("unknown evidence 'events'");
  }

  @Test
  void evidenceWindow_needsAWindowThatKeepsEvents() {
    for (String when : List.of("transaction where amount > 5", "transaction over all having count() > 2",
        "sequence within 5m\n    transaction\n    login")) {
      Diagnostic d = only("rule r\n  by user_id\n  when " + when + "\n  «evidence window»\n");
      assertThat(d.code()).as(when).isEqualTo(DiagnosticCode.BAD_EVIDENCE);
      assertThat(d.message()).isEqualTo("'evidence window' needs a sliding, tumbling or session window");
    }
    for (String window : List.of("sliding 5m", "tumbling 1m", "session gap 5m")) {
      assertThat(compiler.check("t.vgl", "rule r\n  by user_id\n  when transaction over " + window
          + " having count() > 2\n  evidence window\n")).as(window).isEmpty();
    }
  }

  @Test
  void unknownEventType_suggestsNearest() {
    Diagnostic d = only("rule r\n  when «transacton» where amount > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_EVENT_TYPE);
    assertThat(d.hint()).isEqualTo("did you mean 'transaction'?");
  }

  @Test
  void stringComparedWithNumber_isATypeMismatch() {
    Diagnostic d = only("rule r\n  when transaction where «amount > \"5\"»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
    assertThat(d.hint()).isEqualTo("write numbers without quotes");
  }

  @Test
  void arithmeticOnStrings_isATypeMismatch() {
    Diagnostic d = only("rule r\n  when transaction where «country» + 1 > 2\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
  }

  @Test
  void nonBooleanCondition_isATypeMismatch() {
    Diagnostic d = only("rule r\n  when transaction where «amount + 1»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
  }

  @Test
  void equalsNull_isRefusedWithIsNullHint() {
    Diagnostic d = only("rule r\n  when transaction where «country != null»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
    assertThat(d.hint()).isEqualTo("test for a missing value with 'is not null'");
  }

  @Test
  void aggregateInWhere_isRefused() {
    Diagnostic d = only("rule r\n  when transaction where «count()» > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING);
    assertThat(d.hint()).startsWith("aggregates need a window");
  }

  @Test
  void nestedAggregate_isRefused() {
    Diagnostic d = only("rule r\n by user_id\n when transaction over sliding 5m having sum(«count()») > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.AGGREGATE_OUTSIDE_HAVING);
  }

  @Test
  void bareFieldInHaving_isRefused_butTheKeyIsAllowed() {
    Diagnostic d = only("rule r\n by user_id\n when transaction over sliding 5m having user_id != \"x\" and «amount» > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.FIELD_OUTSIDE_AGGREGATE);
  }

  @Test
  void namedEventOutsideSequence_isRefused() {
    Diagnostic d = only("rule r\n  when transaction where «a».country == \"US\"\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_REFERENCE);
  }

  @Test
  void forwardReferenceInSequence_isRefused() {
    Diagnostic d = only("rule r\n by user_id\n when sequence within 5m\n  a: transaction where country == «b».country\n  b: transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_REFERENCE);
    assertThat(d.message()).contains("comes later");
  }

  @Test
  void byKeyNotAKeyOfEveryType_pointsAtByWithNoteAtType() {
    Diagnostic d = only("rule r\n by «card_id»\n when sequence within 5m\n  a: transaction\n  b: login\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.NOT_A_KEY);
    assertThat(d.message()).isEqualTo("'card_id' is not a field of event type 'login'");
    assertThat(d.notes()).singleElement().satisfies(n -> assertThat(n.span().line()).isEqualTo(5));
  }

  @Test
  void byNonKeyField_isRefused() {
    Diagnostic d = only("rule r\n by «country»\n when transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.NOT_A_KEY);
    assertThat(d.message()).isEqualTo("field 'country' is not a key of event type 'transaction'");
  }

  @Test
  void sequenceWithoutWithin_isR2012() {
    Diagnostic d = only("rule r\n when «sequence»\n  a: transaction\n  b: transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.MISSING_WITHIN);
    assertThat(d.code().code()).isEqualTo("R2012");
  }

  @Test
  void windowAboveCap_isLimitExceeded() {
    Diagnostic d = only("rule r\n when transaction over sliding «8d» having count() > 1\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.LIMIT_EXCEEDED);
    assertThat(d.message()).isEqualTo("a window of 8d is longer than the limit of 7d");
  }

  @Test
  void withinAboveCap_isLimitExceeded() {
    Diagnostic d = only("rule r\n when sequence within «25h»\n  a: transaction\n  b: transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.LIMIT_EXCEEDED);
  }

  @Test
  void windowWithoutHaving_isMissingClause() {
    Diagnostic d = only("rule r\n when transaction over «sliding 5m»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.MISSING_CLAUSE);
  }

  @Test
  void absenceInTheMiddle_isRefused() {
    Diagnostic d = only("rule r\n when sequence within 5m\n  a: transaction\n  «not login»\n  c: transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ABSENCE);
  }

  @Test
  void unknownSeverity_suggestsNearest() {
    Diagnostic d = only("rule r\n severity «hihg»\n when transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_SEVERITY);
    assertThat(d.hint()).isEqualTo("did you mean 'high'?");
  }

  @Test
  void duplicateClause_notesTheFirst() {
    Diagnostic d = only("rule r\n severity high\n «severity low»\n when transaction\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.DUPLICATE_CLAUSE);
    assertThat(d.notes()).hasSize(1);
  }

  @Test
  void duplicateRuleId_isRefused() {
    Diagnostic d = only("rule r\n when transaction\nrule «r»\n when login\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.DUPLICATE_NAME);
  }

  @Test
  void missingWhen_isReportedAtTheRuleName() {
    Diagnostic d = only("rule «r»\n severity high\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.MISSING_CLAUSE);
  }

  @Test
  void invalidRegex_isR2015() {
    Diagnostic d = only("rule r\n when transaction where ip matches «\"[0-9\"»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_REGEX);
  }

  @Test
  void overlongRegex_isLimitExceeded() {
    String re = "a".repeat(201);
    Diagnostic d = only("rule r\n when transaction where ip matches «\"" + re + "\"»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.LIMIT_EXCEEDED);
  }

  @Test
  void unknownFunction_listsTheWhitelist() {
    Diagnostic d = only("rule r\n when transaction where «Runtime.exec(\"rm\")» == 1\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_FUNCTION);
    assertThat(d.hint()).startsWith("rules can call only [alerted, avg, count");
  }

  @Test
  void statsWithoutKey_isR2021() {
    Diagnostic d = only("rule r\n when transaction where amount > «stats.mean(amount)»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.STATS_NEED_KEY);
  }

  @Test
  void statsOfAKeyTheNodeDoesNotKeep_isR2030() {
    RuleCompiler userOnly =
        new RuleCompiler().keeping(StatisticsScope.EVERYTHING.withKeys(java.util.Set.of("user_id")));
    Diagnostic d = only(userOnly, "rule r\n by card_id\n when transaction where amount > 3 * «zscore(amount)»\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.STATS_NOT_KEPT);
    assertThat(d.message()).isEqualTo("this node keeps no statistics for 'card_id' (stats.entity_keys: user_id)");
    assertThat(d.hint()).isEqualTo("add card_id to stats.entity_keys, or read the statistics of a kept key");
    // The kept key compiles; rules without statistics do not care what is kept.
    assertThat(userOnly.check("t.vgl", "rule r\n by user_id\n when transaction where zscore(amount) > 3\n")).isEmpty();
    assertThat(userOnly.check("t.vgl", "rule r\n by card_id\n when transaction where amount > 3\n")).isEmpty();
    assertThat(new RuleCompiler().keeping(new StatisticsScope(false, java.util.Set.of(), java.util.Set.of()))
        .check("t.vgl", "rule r\n by user_id\n when transaction where stats.count(amount) > 3\n"))
        .extracting(Diagnostic::message)
        .containsExactly("this node keeps no statistics for 'user_id' (stats.entity_keys: none)");
  }

  @Test
  void distinctValuesOfADimensionTheNodeDoesNotKeep_areR2030() {
    RuleCompiler countryOnly =
        new RuleCompiler().keeping(StatisticsScope.EVERYTHING.withDimensions(java.util.Set.of("country")));
    Diagnostic d =
        only(countryOnly, "rule r\n by user_id\n when transaction where «stats.distinct(merchant_id, 30d)» > 5\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.STATS_NOT_KEPT);
    assertThat(d.message())
        .isEqualTo("this node keeps no distinct values of 'merchant_id' (stats.dimensions: country)");
    assertThat(countryOnly.check("t.vgl", "rule r\n by user_id\n when transaction where not stats.seen(country)\n"))
        .isEmpty();
    assertThat(new RuleCompiler().keeping(StatisticsScope.EVERYTHING.withDimensions(java.util.Set.of()))
        .check("t.vgl", "rule r\n by user_id\n when transaction where not stats.seen(country)\n"))
        .extracting(Diagnostic::message)
        .containsExactly("this node keeps no distinct values of 'country' (stats.dimensions: none)");
  }

  @Test
  void statsOnAStringField_isATypeMismatch() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.mean(«country») > 1\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.TYPE_MISMATCH);
  }

  @Test
  void statsHorizonAboveTheKeptWindows_isABadDuration() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.distinct(country, «91d») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_DURATION);
  }

  @Test
  void allStatsForms_typeCheck() {
    String text = """
        rule r
          by user_id
          when transaction where stats.count(amount) >= 10 and amount > stats.mean(amount) + 3 * stats.stddev(amount)
            and stats.mean(amount, 30d) > 1 and zscore(amount) > 3 and stats.distinct(country, 30d) > 2
            and stats.last_seen is null and stats.last_seen() > 0 and stats.seen(country, 30d)
        """;
    assertThat(compiler.check("t", text)).isEmpty();
  }

  @Test
  void statsHorizonTheStoreDoesNotKeep_isABadDurationAtTheHorizon() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.mean(amount, «7d») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_DURATION);
    assertThat(d.message()).contains("24h or 30d");
  }

  @Test
  void distinctOver24h_isNotKept() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.distinct(country, «24h») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_DURATION);
  }

  @Test
  void distinctOfAFieldThatIsNotADimension_isRefused() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.distinct(«currency») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
    assertThat(d.message()).contains("country, device_id, card_id, merchant_id");
  }

  @Test
  void distinctOfTheKeyItself_isRefused() {
    Diagnostic d = only("rule r\n by card_id\n when transaction where stats.distinct(«card_id») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
  }

  @Test
  void meanOfTheTimestamp_isRefusedBecauseItIsNotKept() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where stats.mean(«timestamp») > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
  }

  @Test
  void lastSeenWithAField_isABadArgumentCount() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where «stats.last_seen(device_id)» > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
  }

  @Test
  void statsFunctionWithoutParentheses_showsTheUsage() {
    Diagnostic d = only("rule r\n by user_id\n when transaction where «stats.mean» > 3\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_ARGUMENTS);
    assertThat(d.hint()).contains("stats.mean(amount)");
  }

  @Test
  void elapsedOutsideSequence_isABadPlaceholder() {
    Diagnostic d = only("rule r\n when transaction\n alert \"took {«elapsed»}\"\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_PLACEHOLDER);
  }

  @Test
  void unqualifiedFieldInSequenceTemplate_asksForTheLabel() {
    Diagnostic d = only("rule r\n by card_id\n when sequence within 5m\n  small: transaction\n  large: transaction\n alert \"{«amount»}\"\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_REFERENCE);
    assertThat(d.hint()).isEqualTo("e.g. {small.amount}");
  }

  @Test
  void customEventType_keyMustBeString() {
    Diagnostic d = only("event e («id: integer key»)\nrule r\n when e\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_DECLARATION);
  }

  @Test
  void customEventType_unknownFieldType_suggests() {
    Diagnostic d = only("event e (id: string key, t: «strng»)\nrule r\n when e\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_DECLARATION);
    assertThat(d.hint()).isEqualTo("did you mean 'string'?");
  }

  @Test
  void redeclaringABuiltInType_isRefused() {
    Diagnostic d = only("event «login» (user_id: string key)\n");
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_EVENT_DECLARATION);
  }

  @Test
  void severalProblems_allReportedInSourceOrder() {
    String text = "rule a\n when transaction where amout > 1\nrule b\n by country\n when transacton\n";
    assertThat(compiler.check("t", text)).extracting(d -> d.code().code()).containsExactly("R2002", "R2001");
  }

  @Test
  void theTwelveSamples_checkClean() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../samples/rules/dsl"))) {
      for (var p : files.filter(f -> f.toString().endsWith(".vgl")).sorted().toList()) {
        List<Diagnostic> ds = compiler.check(p.getFileName().toString(), java.nio.file.Files.readString(p));
        assertThat(ds).as(p.toString()).isEmpty();
      }
    }
  }
}
