package dev.vigil.rules.internal.parse;

import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.DecisionDecl;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Ident;
import dev.vigil.rules.internal.check.Names;
import dev.vigil.rules.internal.lex.Token;
import dev.vigil.rules.internal.lex.TokenKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses decision blocks (docs/dsl.md, "Decisions"):
 *
 * <pre>
 * decision = "decision" name "on" name [ "by" name ] { line }
 * line     = "score" [ "-" ] NUMBER STRING "when" expr
 *          | ( "block" | "review" | "allow" ) ( "when" expr | "otherwise" )
 * </pre>
 *
 * Lines need no separator: an expression ends at the next line word. On an error it skips to
 * the next line word or declaration that starts a line.
 */
final class DecisionParser {

  /** Words that start a line of a decision block. */
  static final List<String> LINES = List.of("score", "block", "review", "allow");

  private final TokenCursor in;
  private final ExprParser exprs;
  private final Set<String> recover;

  DecisionParser(TokenCursor in, ExprParser exprs, Set<String> declarations) {
    this.in = in;
    this.exprs = exprs;
    Set<String> r = new java.util.HashSet<>(LINES);
    r.addAll(declarations);
    this.recover = Set.copyOf(r);
  }

  DecisionDecl decision(Set<String> declarations) {
    Token start = in.advance();
    Token name = in.expectName("the decision name after 'decision'");
    in.expectWord("on", "and the event type the decision is about, e.g. decision " + name.text() + " on transaction,");
    Token on = in.expectName("the event type after 'on'");
    Ident by = null;
    SourceSpan end = on.span();
    if (in.matchWord("by")) {
      Token key = in.expectName("the key field after 'by', e.g. user_id");
      by = new Ident(key.text(), key.span());
      end = key.span();
    }
    List<DecisionDecl.Line> lines = new ArrayList<>();
    while (!in.atEnd() && !declarations.contains(in.peek().text())) {
      try {
        DecisionDecl.Line line = line();
        lines.add(line);
        end = line.span();
      } catch (ParseError e) {
        in.skipToLineStart(recover);
      }
    }
    return new DecisionDecl(new Ident(name.text(), name.span()), new Ident(on.text(), on.span()), by, lines,
        start.span().to(end));
  }

  private DecisionDecl.Line line() {
    Token kw = in.peek();
    if (!kw.is(TokenKind.WORD) || !LINES.contains(kw.text())) {
      String near = kw.is(TokenKind.WORD) ? Names.nearest(kw.text(), LINES) : null;
      throw in.error(DiagnosticCode.UNKNOWN_CLAUSE,
          "expected a decision line (score, block, review, allow) but found " + kw.describe(),
          near != null ? "did you mean '" + near + "'?" : "e.g. score 40 \"reason\" when amount > 1000");
    }
    in.advance();
    if (kw.text().equals("score")) {
      return score(kw);
    }
    Ident outcome = new Ident(kw.text(), kw.span());
    if (in.checkWord("otherwise")) {
      Token o = in.advance();
      return new DecisionDecl.Verdict(outcome, null, kw.span().to(o.span()));
    }
    if (!in.checkWord("when")) {
      throw in.error(DiagnosticCode.EXPECTED,
          "expected 'when' or 'otherwise' after '" + kw.text() + "' but found " + in.peek().describe(),
          "e.g. " + kw.text() + " when score >= 50");
    }
    in.advance();
    Expr when = exprs.expression();
    return new DecisionDecl.Verdict(outcome, when, kw.span().to(when.span()));
  }

  private DecisionDecl.Score score(Token kw) {
    Token minus = in.check(TokenKind.MINUS) ? in.advance() : null;
    Token n = in.expect(TokenKind.NUMBER, "the points of the score line, e.g. score 40 \"label\" when ...");
    BigDecimal value = new BigDecimal(n.text());
    SourceSpan numSpan = minus == null ? n.span() : minus.span().to(n.span());
    Expr.Num points = new Expr.Num(minus == null ? value : value.negate(), numSpan);
    Token label = in.expect(TokenKind.STRING, "the reason label in double quotes after the points");
    in.expectWord("when", "after the label of a score line");
    Expr when = exprs.expression();
    return new DecisionDecl.Score(points, new Expr.Str(label.value(), label.span()), when, kw.span().to(when.span()));
  }
}
