package dev.vigil.rules.internal.parse;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Expr.BinaryOp;
import dev.vigil.rules.ast.Ident;
import dev.vigil.rules.internal.lex.Token;
import dev.vigil.rules.internal.lex.TokenKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent expression parser, one method per precedence level:
 *
 * <pre>
 * or      = and { "or" and }
 * and     = not { "and" not }
 * not     = "not" not | compare
 * compare = sum [ cmpop sum | ["not"] "in" "(" sum {"," sum} ")" | ["not"] "between" sum "and" sum
 *                | ["not"] "matches" STRING | "is" ["not"] "null" ]
 * sum     = product { ("+" | "-") product }
 * product = unary { ("*" | "/" | "%") unary }
 * unary   = "-" unary | primary
 * primary = NUMBER | DURATION | STRING | "true" | "false" | "null" | "(" or ")"
 *         | name [ "." name ] [ "(" [ arg { "," arg } ] ")" ]
 * arg     = sum          (the argument of ratio(...) is an or)
 * </pre>
 *
 * An expression ends at the first token that cannot continue it, which is how a rule's next
 * clause or sequence step begins without any separator.
 */
final class ExprParser {

  private static final Map<TokenKind, BinaryOp> COMPARISONS =
      Map.of(TokenKind.EQ, BinaryOp.EQ, TokenKind.NE, BinaryOp.NE, TokenKind.LT, BinaryOp.LT,
          TokenKind.LE, BinaryOp.LE, TokenKind.GT, BinaryOp.GT, TokenKind.GE, BinaryOp.GE);
  private static final Map<String, BinaryOp> STRING_TESTS =
      Map.of("starts_with", BinaryOp.STARTS_WITH, "ends_with", BinaryOp.ENDS_WITH, "contains", BinaryOp.CONTAINS);

  /** Words that start a decision line or a declaration; never an operand at a line start. */
  private static final java.util.Set<String> LINE_STARTS =
      java.util.Set.of("block", "review", "allow", "decision", "rule", "event");

  private final TokenCursor in;

  ExprParser(TokenCursor in) {
    this.in = in;
  }

  Expr expression() {
    return or();
  }

  private Expr or() {
    Expr left = and();
    while (in.matchWord("or")) {
      Expr right = and();
      left = new Expr.Binary(BinaryOp.OR, left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (in.matchWord("and")) {
      Expr right = not();
      left = new Expr.Binary(BinaryOp.AND, left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Expr not() {
    if (in.checkWord("not")) {
      Token op = in.advance();
      Expr operand = not();
      return new Expr.Unary(Expr.UnaryOp.NOT, operand, op.span().to(operand.span()));
    }
    return compare();
  }

  private Expr compare() {
    Expr left = sum();
    Expr result = comparisonTail(left);
    if (result != left && (COMPARISONS.containsKey(in.peek().kind()) || STRING_TESTS.containsKey(in.peek().text()))) {
      throw in.error(DiagnosticCode.EXPECTED, "comparisons cannot be chained: found " + in.peek().describe()
          + " after a comparison", "combine comparisons with 'and', e.g. a < b and b < c");
    }
    return result;
  }

  private Expr comparisonTail(Expr left) {
    Token t = in.peek();
    BinaryOp op = COMPARISONS.get(t.kind());
    if (op == null && t.is(TokenKind.WORD)) {
      op = STRING_TESTS.get(t.text());
    }
    if (op != null) {
      in.advance();
      Expr right = sum();
      return new Expr.Binary(op, left, right, left.span().to(right.span()));
    }
    boolean negated = false;
    if (t.isWord("not") && isNegatable(in.peek(1))) {
      in.advance();
      negated = true;
    }
    if (in.matchWord("in")) {
      return inList(left, negated);
    }
    if (in.matchWord("between")) {
      Expr low = sum();
      in.expectWord("and", "between the bounds of 'between'");
      Expr high = sum();
      return new Expr.Between(left, low, high, negated, left.span().to(high.span()));
    }
    if (in.matchWord("matches")) {
      Token regex = in.expect(TokenKind.STRING, "a regular expression in double quotes after 'matches'");
      Expr.Str re = new Expr.Str(regex.value(), regex.span());
      return new Expr.Matches(left, re, negated, left.span().to(regex.span()));
    }
    if (in.matchWord("is")) {
      boolean not = in.matchWord("not");
      Token n = in.expectWord("null", "after 'is'");
      return new Expr.IsNull(left, not, left.span().to(n.span()));
    }
    return left;
  }

  private static boolean isNegatable(Token t) {
    return t.isWord("in") || t.isWord("between") || t.isWord("matches");
  }

  private Expr inList(Expr left, boolean negated) {
    Token open = in.expect(TokenKind.LPAREN, "'(' to start the list after 'in'");
    List<Expr> items = new ArrayList<>();
    items.add(sum());
    while (in.match(TokenKind.COMMA)) {
      items.add(sum());
    }
    Token close = closeParen(open, "(", null);
    return new Expr.In(left, items, negated, left.span().to(close.span()));
  }

  private Expr sum() {
    Expr left = product();
    while (in.check(TokenKind.PLUS) || in.check(TokenKind.MINUS)) {
      BinaryOp op = in.advance().is(TokenKind.PLUS) ? BinaryOp.ADD : BinaryOp.SUB;
      Expr right = product();
      left = new Expr.Binary(op, left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (in.check(TokenKind.STAR) || in.check(TokenKind.SLASH) || in.check(TokenKind.PERCENT)) {
      TokenKind k = in.advance().kind();
      BinaryOp op = k == TokenKind.STAR ? BinaryOp.MUL : k == TokenKind.SLASH ? BinaryOp.DIV : BinaryOp.MOD;
      Expr right = unary();
      left = new Expr.Binary(op, left, right, left.span().to(right.span()));
    }
    return left;
  }

  private Expr unary() {
    if (in.check(TokenKind.MINUS)) {
      Token op = in.advance();
      Expr operand = unary();
      return new Expr.Unary(Expr.UnaryOp.NEG, operand, op.span().to(operand.span()));
    }
    return primary();
  }

  private Expr primary() {
    Token t = in.peek();
    switch (t.kind()) {
      case NUMBER -> {
        in.advance();
        return new Expr.Num(new BigDecimal(t.text()), t.span());
      }
      case DURATION -> {
        in.advance();
        return duration(t);
      }
      case STRING -> {
        in.advance();
        return new Expr.Str(t.value(), t.span());
      }
      case LPAREN -> {
        in.advance();
        Expr inner = or();
        closeParen(t, "(", null);
        return inner;
      }
      case WORD -> {
        return word(t);
      }
      default -> throw expectedExpression(t);
    }
  }

  private ParseError expectedExpression(Token t) {
    String hint = t.is(TokenKind.STAR) ? "count every event with count()" : null;
    return in.error(DiagnosticCode.EXPECTED_EXPRESSION, "expected an expression but found " + t.describe(), hint);
  }

  static Expr.Duration duration(Token t) {
    String text = t.text();
    int split = 0;
    while (split < text.length() && Character.isDigit(text.charAt(split))) {
      split++;
    }
    long amount;
    try {
      amount = Long.parseLong(text.substring(0, split));
    } catch (NumberFormatException e) {
      amount = Long.MAX_VALUE / 86_400_000L; // absurdly large: the checker's cap reports it
    }
    return new Expr.Duration(Math.min(amount, Long.MAX_VALUE / 86_400_000L), text.substring(split), t.span());
  }

  private Expr word(Token t) {
    switch (t.text()) {
      case "true", "false" -> {
        in.advance();
        return new Expr.Bool(t.text().equals("true"), t.span());
      }
      case "null" -> {
        in.advance();
        return new Expr.Null(t.span());
      }
      default -> { }
    }
    if (TokenCursor.RESERVED.contains(t.text())) {
      throw in.error(DiagnosticCode.EXPECTED_EXPRESSION,
          "expected an expression but found the operator '" + t.text() + "'", null);
    }
    if (t.lineStart() && LINE_STARTS.contains(t.text())) {
      // A dangling operator at the end of a line: report it here rather than read the next
      // line's keyword as a field.
      throw in.error(DiagnosticCode.EXPECTED_EXPRESSION,
          "expected an expression but found the start of the next line, '" + t.text() + "'", null);
    }
    in.advance();
    Ident first = new Ident(t.text(), t.span());
    Ident second = null;
    if (in.match(TokenKind.DOT)) {
      Token n = in.expectName("a field or function name after '.'");
      second = new Ident(n.text(), n.span());
      if (in.check(TokenKind.DOT)) {
        throw in.error(DiagnosticCode.EXPECTED, "unexpected '.' after '" + first.name() + "." + second.name() + "'",
            "a field is written field or event.field; rules cannot reach Java classes or nested objects");
      }
    }
    if (in.check(TokenKind.LPAREN)) {
      Ident ns = second == null ? null : first;
      Ident name = second == null ? first : second;
      return call(ns, name);
    }
    if (second != null && first.name().equals("stats") && second.name().equals("last_seen")) {
      // The one statistic that is a value, not a function of a field: stats.last_seen.
      return new Expr.Call(first, second, List.of(), first.span().to(second.span()));
    }
    return second == null
        ? new Expr.Field(null, first, first.span())
        : new Expr.Field(first, second, first.span().to(second.span()));
  }

  private Expr call(Ident ns, Ident name) {
    Token open = in.advance();
    List<Expr> args = new ArrayList<>();
    // Value functions take value arguments: parsing them below the comparison level makes
    // "count(transaction > 5" stop at '>' and report the unclosed call where the mistake is.
    boolean conditionArg = name.name().equals("ratio");
    if (!in.check(TokenKind.RPAREN)) {
      args.add(conditionArg ? or() : sum());
      while (in.match(TokenKind.COMMA)) {
        args.add(conditionArg ? or() : sum());
      }
    }
    String callText = (ns == null ? "" : ns.name() + ".") + name.name();
    Token close = closeParen(open, callText + "(", callText);
    SourceSpan start = ns == null ? name.span() : ns.span();
    return new Expr.Call(ns, name, args, start.to(close.span()));
  }

  /**
   * Takes the ')' matching {@code open}, or reports R1012 pointing at what was found, with a note
   * at the '(' and, when a comparison follows inside the call, a hint showing the fix.
   */
  private Token closeParen(Token open, String opened, String callText) {
    if (in.check(TokenKind.RPAREN)) {
      return in.advance();
    }
    Token found = in.peek();
    Diagnostic d = Diagnostic.error(DiagnosticCode.UNCLOSED, found.span(),
            "expected ')' to close '" + opened + "' but found " + found.describe())
        .withNote(open.span(), "'(' opened here");
    if (callText != null && (COMPARISONS.containsKey(found.kind()))) {
      String inside = in.text(open.span().end(), found.span().offset()).trim();
      Token after = in.peek(1);
      String rest = after.is(TokenKind.EOF) ? "..." : after.text();
      d = d.withHint("close the call before comparing: " + callText + "(" + inside + ") " + found.text() + " " + rest);
    }
    throw in.error(d);
  }
}
