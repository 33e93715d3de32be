package dev.vigil.rules.internal.parse;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.Decl;
import dev.vigil.rules.ast.EventDecl;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Ident;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.SourceUnit;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.internal.check.Names;
import dev.vigil.rules.internal.lex.Lexer;
import dev.vigil.rules.internal.lex.Token;
import dev.vigil.rules.internal.lex.TokenKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for rule files, one method per production of docs/dsl.md:
 *
 * <pre>
 * file   = { event | rule | decision } EOF     (decision: see DecisionParser)
 * event  = "event" name "(" field { "," field } ")"
 * field  = name ":" name { "key" | "required" }
 * rule   = "rule" name { clause }
 * clause = "title" STRING | "severity" name | "by" name | "when" query | "alert" STRING
 *        | "suppress" DURATION | "evidence" "window" | "tags" name { "," name } | "version" NUMBER
 * </pre>
 *
 * On an error it reports, then skips to the next clause or declaration that starts a line, so
 * one run reports every error of the file.
 */
public final class Parser {

  private static final Set<String> DECLS = Set.of("rule", "event", "decision");
  private static final Set<String> RECOVER;

  static {
    Set<String> s = new HashSet<>(TokenCursor.CLAUSES);
    s.addAll(DECLS);
    RECOVER = Set.copyOf(s);
  }

  private final TokenCursor in;
  private final ExprParser exprs;
  private final QueryParser queries;
  private final TemplateParser templates;
  private final DecisionParser decisions;

  private Parser(String source, Reporter reporter) {
    this.in = new TokenCursor(new Lexer(source, reporter).tokens(), reporter, source);
    this.exprs = new ExprParser(in);
    this.queries = new QueryParser(in, exprs);
    this.templates = new TemplateParser(reporter, source);
    this.decisions = new DecisionParser(in, exprs, DECLS);
  }

  /** Parses a whole file; syntax errors go to {@code reporter}, the tree holds what parsed. */
  public static SourceUnit parse(String source, Reporter reporter) {
    return new Parser(source, reporter).file();
  }

  private SourceUnit file() {
    List<Decl> decls = new ArrayList<>();
    Token first = in.peek();
    while (!in.atEnd()) {
      Token t = in.peek();
      try {
        if (t.isWord("rule")) {
          decls.add(rule());
        } else if (t.isWord("event")) {
          decls.add(event());
        } else if (t.isWord("decision")) {
          decls.add(decisions.decision(DECLS));
        } else {
          throw in.error(DiagnosticCode.EXPECTED_DECLARATION,
              "expected 'rule', 'event' or 'decision' but found " + t.describe(),
              "a file holds event declarations, rules and decisions; each rule starts with: rule <id>");
        }
      } catch (ParseError e) {
        in.skipToLineStart(DECLS);
      }
    }
    return new SourceUnit(decls, first.span().to(in.peek().span()));
  }

  private EventDecl event() {
    Token start = in.advance();
    Token name = in.expectName("the name of the event type");
    Token open = in.expect(TokenKind.LPAREN, "'(' before the fields of event type '" + name.text() + "'");
    List<EventDecl.FieldDecl> fields = new ArrayList<>();
    do {
      fields.add(field());
    } while (in.match(TokenKind.COMMA));
    if (!in.check(TokenKind.RPAREN)) {
      throw in.error(Diagnostic.error(DiagnosticCode.UNCLOSED, in.peek().span(),
              "expected ',' or ')' after a field of event type '" + name.text() + "' but found " + in.peek().describe())
          .withNote(open.span(), "'(' opened here"));
    }
    Token close = in.advance();
    return new EventDecl(new Ident(name.text(), name.span()), fields, start.span().to(close.span()));
  }

  private EventDecl.FieldDecl field() {
    Token name = in.expectName("a field name");
    in.expect(TokenKind.COLON, "':' and a type after field '" + name.text() + "'");
    Token type = in.expect(TokenKind.WORD, "a field type (string, number, integer, boolean, timestamp)");
    Token last = type;
    boolean key = false;
    boolean required = false;
    while (in.checkWord("key") || in.checkWord("required")) {
      last = in.advance();
      key |= last.text().equals("key");
      required |= last.text().equals("required");
    }
    return new EventDecl.FieldDecl(new Ident(name.text(), name.span()), new Ident(type.text(), type.span()),
        key, required, name.span().to(last.span()));
  }

  private RuleDecl rule() {
    Token start = in.advance();
    Token name = in.expectName("the rule id after 'rule'");
    List<Clause> clauses = new ArrayList<>();
    SourceSpan end = name.span();
    while (!in.atEnd() && !DECLS.contains(in.peek().text())) {
      try {
        Clause c = clause();
        clauses.add(c);
        end = c.span();
      } catch (ParseError e) {
        in.skipToLineStart(RECOVER);
      }
    }
    return new RuleDecl(new Ident(name.text(), name.span()), clauses, start.span().to(end));
  }

  private Clause clause() {
    Token kw = in.peek();
    if (!kw.is(TokenKind.WORD) || !TokenCursor.CLAUSES.contains(kw.text())) {
      String suggestion = kw.is(TokenKind.WORD) ? Names.nearest(kw.text(), TokenCursor.CLAUSES) : null;
      throw in.error(DiagnosticCode.UNKNOWN_CLAUSE,
          "expected a rule clause (" + String.join(", ", TokenCursor.CLAUSES) + ") but found " + kw.describe(),
          suggestion != null ? "did you mean '" + suggestion + "'?" : null);
    }
    in.advance();
    switch (kw.text()) {
      case "title" -> {
        Token s = in.expect(TokenKind.STRING, "the title in double quotes");
        return new Clause.Title(new Expr.Str(s.value(), s.span()), kw.span().to(s.span()));
      }
      case "severity" -> {
        Token s = in.expect(TokenKind.WORD, "a severity (low, medium, high, critical)");
        return new Clause.Severity(new Ident(s.text(), s.span()), kw.span().to(s.span()));
      }
      case "by" -> {
        Token s = in.expectName("the key field the rule groups by, e.g. card_id");
        return new Clause.By(new Ident(s.text(), s.span()), kw.span().to(s.span()));
      }
      case "when" -> {
        Query q = queries.query();
        return new Clause.When(q, kw.span().to(q.span()));
      }
      case "alert" -> {
        Token s = in.expect(TokenKind.STRING, "the alert message template in double quotes");
        return new Clause.Alert(templates.parse(s), kw.span().to(s.span()));
      }
      case "suppress" -> {
        Expr.Duration d = queries.duration("after 'suppress'");
        return new Clause.Suppress(d, kw.span().to(d.span()));
      }
      case "evidence" -> {
        Token s = in.expect(TokenKind.WORD, "what the alerts list: window");
        return new Clause.Evidence(new Ident(s.text(), s.span()), kw.span().to(s.span()));
      }
      case "tags" -> {
        List<Ident> tags = new ArrayList<>();
        Token last;
        do {
          last = in.expectName("a tag");
          tags.add(new Ident(last.text(), last.span()));
        } while (in.match(TokenKind.COMMA));
        return new Clause.Tags(tags, kw.span().to(last.span()));
      }
      case "version" -> {
        Token n = in.expect(TokenKind.NUMBER, "a version number");
        return new Clause.Version(new Expr.Num(new BigDecimal(n.text()), n.span()), kw.span().to(n.span()));
      }
      default -> throw new IllegalStateException(kw.text());
    }
  }
}
