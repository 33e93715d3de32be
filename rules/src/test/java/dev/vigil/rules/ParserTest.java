package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parser behaviour; error positions are stated inline with «» around the expected span. */
class ParserTest {

  private final RuleCompiler compiler = new RuleCompiler();

  private List<Diagnostic> syntaxErrors(String text) {
    try {
      compiler.parse("t.vgl", text);
      return List.of();
    } catch (RuleSyntaxException e) {
      return e.diagnostics();
    }
  }

  private Diagnostic onlyError(Marked m) {
    List<Diagnostic> ds = syntaxErrors(m.text());
    assertThat(ds).as("diagnostics of %s", m.text()).hasSize(1);
    assertThat(ds.get(0).span()).isEqualTo(m.span());
    return ds.get(0);
  }

  private RuleDecl rule(String text) throws RuleSyntaxException {
    return compiler.parse("t.vgl", text).rules().get(0);
  }

  @Test
  void unclosedCall_comparisonInside_reportsR1012AtTheOperatorWithHint() {
    Marked m = Marked.of("rule r\n  when transaction over sliding 5m having count(transaction «>» 5\n");
    Diagnostic d = onlyError(m);
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNCLOSED);
    assertThat(d.message()).isEqualTo("expected ')' to close 'count(' but found '>'");
    assertThat(d.notes()).singleElement().satisfies(n -> {
      assertThat(n.message()).isEqualTo("'(' opened here");
      assertThat(n.span().column()).isEqualTo(48);
    });
    assertThat(d.hint()).isEqualTo("close the call before comparing: count(transaction) > 5");
  }

  @Test
  void singleEquals_reportsR1005_andParsingContinues() {
    Diagnostic d = onlyError(Marked.of("rule r\n  when transaction where status «=» \"declined\"\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.SINGLE_EQUALS);
    assertThat(d.hint()).isEqualTo("compare with '=='");
  }

  @Test
  void unknownClause_suggestsNearestClause() {
    Diagnostic d = onlyError(Marked.of("rule r\n  «severty» high\n  when transaction\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_CLAUSE);
    assertThat(d.hint()).isEqualTo("did you mean 'severity'?");
  }

  @Test
  void durationWithoutUnit_reportsExpectedDurationWithUnits() {
    Diagnostic d = onlyError(Marked.of("rule r\n  when transaction over sliding «5» having count() > 1\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPECTED);
    assertThat(d.hint()).contains("5m");
  }

  @Test
  void badDurationUnit_reportsR1004() {
    Diagnostic d = onlyError(Marked.of("rule r\n  suppress «5min»\n  when transaction\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_NUMBER);
  }

  @Test
  void unterminatedString_reportsR1002AtTheQuote() {
    List<Diagnostic> ds = syntaxErrors("rule r\n  title \"oops\n  when transaction\n");
    assertThat(ds.get(0).code()).isEqualTo(DiagnosticCode.UNTERMINATED_STRING);
    assertThat(ds.get(0).span()).isEqualTo(new SourceSpan(15, 2, 9, 1));
  }

  @Test
  void chainedComparison_reportsHint() {
    Diagnostic d = onlyError(Marked.of("rule r\n  when transaction where 1 < amount «<» 5\n"));
    assertThat(d.hint()).contains("a < b and b < c");
  }

  @Test
  void javaCall_doubleDot_isASyntaxError() {
    Diagnostic d = onlyError(Marked.of("rule r\n  when transaction where java.lang«.»System.exit(0) == 1\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPECTED);
    assertThat(d.hint()).contains("cannot reach Java");
  }

  @Test
  void reservedWordAsField_reportsExpectedExpression() {
    Diagnostic d = onlyError(Marked.of("rule r\n  when transaction where «and» > 1\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPECTED_EXPRESSION);
  }

  @Test
  void errorsInSeveralRules_areAllReported() {
    String text = """
        rule a
          when transaction where amount > > 1
        rule b
          severity high
          when transaction where = 3
        event e (x: )
        rule c
          when transaction
        """;
    List<Diagnostic> ds = syntaxErrors(text);
    assertThat(ds).extracting(d -> d.span().line()).containsExactly(2, 5, 5, 6);
  }

  @Test
  void errorInOneClause_laterClausesStillParse() {
    List<Diagnostic> ds = syntaxErrors("rule a\n  title 5\n  severity high\n  tags x,\n  when transaction\n");
    assertThat(ds).extracting(d -> d.span().line()).containsExactly(2, 5);
  }

  @Test
  void filter_parsesPrecedence_andBeforeOr() throws Exception {
    RuleDecl r = rule("rule r\n  when transaction where a > 1 or b < 2 and not c == 3\n");
    Query.Filter f = (Query.Filter) r.clause(Clause.When.class).orElseThrow().query();
    Expr.Binary or = (Expr.Binary) f.source().where();
    assertThat(or.op()).isEqualTo(Expr.BinaryOp.OR);
    Expr.Binary and = (Expr.Binary) or.right();
    assertThat(and.op()).isEqualTo(Expr.BinaryOp.AND);
    assertThat(and.right()).isInstanceOf(Expr.Unary.class);
  }

  @Test
  void nodeSpans_coverTheirText() throws Exception {
    Marked m = Marked.of("rule r\n  when transaction where «amount between 1 and 2»\n");
    RuleDecl r = rule(m.text());
    Query.Filter f = (Query.Filter) r.clause(Clause.When.class).orElseThrow().query();
    assertThat(f.source().where().span()).isEqualTo(m.span());
  }

  @Test
  void sequence_withAbsenceAndLabels_parses() throws Exception {
    RuleDecl r = rule("rule r\n by payment_id\n when sequence within 2h\n  auth: authorization\n  not settlement where amount > auth.amount\n alert \"x\"\n");
    Query.Sequence s = (Query.Sequence) r.clause(Clause.When.class).orElseThrow().query();
    assertThat(s.within().millis()).isEqualTo(7_200_000L);
    assertThat(s.steps()).hasSize(2);
    assertThat(s.steps().get(0).label().name()).isEqualTo("auth");
    assertThat(s.steps().get(1).absent()).isTrue();
    assertThat(r.clause(Clause.Alert.class)).isPresent();
  }

  @Test
  void windows_allKindsParse() throws Exception {
    assertThat(window("sliding 5m")).isInstanceOf(Window.Sliding.class);
    assertThat(window("tumbling 1m")).isInstanceOf(Window.Tumbling.class);
    assertThat(window("session gap 30m")).isInstanceOf(Window.Session.class);
    assertThat(window("all")).isInstanceOf(Window.All.class);
  }

  private Window window(String w) throws Exception {
    RuleDecl r = rule("rule r\n when transaction over " + w + " having count() > 1\n");
    return ((Query.Windowed) r.clause(Clause.When.class).orElseThrow().query()).window();
  }

  @Test
  void template_holesAndEscapedBraces_parse() throws Exception {
    RuleDecl r = rule("rule r\n when transaction\n alert \"{{literal}} {card_id}: {sum(amount)}\"\n");
    var parts = r.clause(Clause.Alert.class).orElseThrow().template().parts();
    assertThat(Structure.of(parts)).isEqualTo(
        "[Text(text={literal}  ), Hole(expr=Field(qualifier=null name=Ident(name=card_id ) ) ), Text(text=:  ), "
            + "Hole(expr=Call(namespace=null name=Ident(name=sum ) args=[Field(qualifier=null name=Ident(name=amount ) )] ) )]");
  }

  @Test
  void templateErrors_pointIntoTheString() {
    Diagnostic d = onlyError(Marked.of("rule r\n when transaction\n alert \"Card {card_id} «{»oops\"\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.BAD_TEMPLATE);
  }

  @Test
  void templateHoleSyntaxError_pointsAtTheToken() {
    Diagnostic d = onlyError(Marked.of("rule r\n when transaction\n alert \"Amount {amount +«}»\"\n"));
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPECTED_EXPRESSION);
  }
}
