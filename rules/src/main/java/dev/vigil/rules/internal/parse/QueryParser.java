package dev.vigil.rules.internal.parse;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Ident;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.Window;
import dev.vigil.rules.internal.lex.Token;
import dev.vigil.rules.internal.lex.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code when} clause:
 *
 * <pre>
 * query    = sequence | source [ "over" window [ "having" or ] ]
 * source   = name [ "where" or ]
 * window   = "sliding" DURATION | "tumbling" DURATION | "session" "gap" DURATION | "all"
 * sequence = "sequence" [ "within" DURATION ] step { step }
 * step     = [ "not" ] [ name ":" ] source
 * </pre>
 */
final class QueryParser {

  private final TokenCursor in;
  private final ExprParser exprs;

  QueryParser(TokenCursor in, ExprParser exprs) {
    this.in = in;
    this.exprs = exprs;
  }

  Query query() {
    if (in.checkWord("sequence")) {
      return sequence();
    }
    Query.Source source = source();
    if (in.matchWord("over")) {
      Window window = window();
      Expr having = null;
      SourceSpan end = window.span();
      if (in.matchWord("having")) {
        having = exprs.expression();
        end = having.span();
      }
      return new Query.Windowed(source, window, having, source.span().to(end));
    }
    if (in.checkWord("having")) {
      Token having = in.peek();
      in.reporter().report(Diagnostic.error(DiagnosticCode.HAVING_WITHOUT_WINDOW, having.span(),
              "'having' needs a window: aggregates are computed over the events of a window")
          .withHint("add a window before it, e.g. " + source.type().name() + " over sliding 5m having count() > 20"));
      in.advance();
      exprs.expression();
    }
    return new Query.Filter(source, source.span());
  }

  private Query.Source source() {
    Token type = in.expectName("an event type such as transaction");
    Ident name = new Ident(type.text(), type.span());
    if (in.matchWord("where")) {
      Expr where = exprs.expression();
      return new Query.Source(name, where, type.span().to(where.span()));
    }
    return new Query.Source(name, null, type.span());
  }

  private Window window() {
    Token kind = in.peek();
    switch (kind.text()) {
      case "sliding" -> {
        in.advance();
        Expr.Duration d = duration("after 'sliding'");
        return new Window.Sliding(d, kind.span().to(d.span()));
      }
      case "tumbling" -> {
        in.advance();
        Expr.Duration d = duration("after 'tumbling'");
        return new Window.Tumbling(d, kind.span().to(d.span()));
      }
      case "session" -> {
        in.advance();
        in.expectWord("gap", "after 'session' (a session window is written 'session gap 30m')");
        Expr.Duration d = duration("after 'session gap'");
        return new Window.Session(d, kind.span().to(d.span()));
      }
      case "all" -> {
        in.advance();
        return new Window.All(kind.span());
      }
      default -> throw in.error(DiagnosticCode.EXPECTED,
          "expected a window (sliding, tumbling, session gap or all) after 'over' but found " + kind.describe(),
          "for example: over sliding 5m, over tumbling 1m, over session gap 30m, over all");
    }
  }

  Expr.Duration duration(String context) {
    Token t = in.peek();
    if (t.is(TokenKind.NUMBER)) {
      throw in.error(DiagnosticCode.EXPECTED, "expected a duration " + context + " but found the number " + t.text(),
          "give a unit: " + t.text() + "ms, " + t.text() + "s, " + t.text() + "m, " + t.text() + "h or " + t.text() + "d");
    }
    Token d = in.expect(TokenKind.DURATION, "a duration such as 10m " + context);
    return ExprParser.duration(d);
  }

  private Query sequence() {
    Token start = in.advance();
    Expr.Duration within = null;
    if (in.matchWord("within")) {
      within = duration("after 'within'");
    }
    List<Query.Step> steps = new ArrayList<>();
    while (startsStep()) {
      steps.add(step());
    }
    if (steps.isEmpty()) {
      throw in.error(DiagnosticCode.EXPECTED, "expected the steps of the sequence but found " + in.peek().describe(),
          "list one step per line, e.g. small: transaction where amount < 2");
    }
    SourceSpan end = steps.get(steps.size() - 1).span();
    return new Query.Sequence(within, steps, start.span().to(end));
  }

  private boolean startsStep() {
    Token t = in.peek();
    return t.is(TokenKind.WORD) && !TokenCursor.CLAUSES.contains(t.text())
        && !t.isWord("rule") && !t.isWord("event");
  }

  private Query.Step step() {
    Token first = in.peek();
    boolean absent = in.matchWord("not");
    Ident label = null;
    if (in.peek(1).is(TokenKind.COLON)) {
      Token l = in.expectName("a step label");
      in.advance();
      label = new Ident(l.text(), l.span());
    }
    Query.Source source = source();
    return new Query.Step(absent, label, source, first.span().to(source.span()));
  }
}
