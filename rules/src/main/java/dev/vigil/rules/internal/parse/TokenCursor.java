package dev.vigil.rules.internal.parse;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.internal.lex.Token;
import dev.vigil.rules.internal.lex.TokenKind;
import java.util.List;
import java.util.Set;

/**
 * A position in the token list with the helpers every production uses: look at the current
 * token, take it, or {@link #expect} it and report "expected X but found Y" when it is not there.
 * Error tokens from the lexer are skipped here: the lexer has reported them already.
 */
final class TokenCursor {

  /** Words that are operators or literals in expressions, so never field names. */
  static final Set<String> RESERVED =
      Set.of("and", "or", "not", "in", "between", "matches", "starts_with", "ends_with", "contains",
          "is", "null", "true", "false");

  /** Words that start a rule clause. */
  static final List<String> CLAUSES =
      List.of("title", "severity", "by", "when", "alert", "suppress", "evidence", "tags", "version");

  private final List<Token> tokens;
  private final List<Token> errorTokens;
  private final Reporter reporter;
  private final String source;
  private int index;

  TokenCursor(List<Token> tokens, Reporter reporter, String source) {
    this.tokens = tokens.stream().filter(t -> t.kind() != TokenKind.ERROR).toList();
    this.errorTokens = tokens.stream().filter(t -> t.kind() == TokenKind.ERROR).toList();
    this.reporter = reporter;
    this.source = source;
  }

  Reporter reporter() {
    return reporter;
  }

  String source() {
    return source;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token previous() {
    return tokens.get(Math.max(0, index - 1));
  }

  boolean atEnd() {
    return peek().is(TokenKind.EOF);
  }

  Token advance() {
    Token t = peek();
    if (!atEnd()) {
      index++;
    }
    return t;
  }

  boolean check(TokenKind kind) {
    return peek().is(kind);
  }

  boolean checkWord(String word) {
    return peek().isWord(word);
  }

  boolean match(TokenKind kind) {
    if (check(kind)) {
      advance();
      return true;
    }
    return false;
  }

  boolean matchWord(String word) {
    if (checkWord(word)) {
      advance();
      return true;
    }
    return false;
  }

  /** Takes a token of {@code kind} or reports "expected {what} but found ..." and unwinds. */
  Token expect(TokenKind kind, String what) {
    if (check(kind)) {
      return advance();
    }
    throw error(DiagnosticCode.EXPECTED, "expected " + what + " but found " + peek().describe(), null);
  }

  /** Takes the keyword {@code word} or reports and unwinds. */
  Token expectWord(String word, String context) {
    if (checkWord(word)) {
      return advance();
    }
    throw error(DiagnosticCode.EXPECTED,
        "expected '" + word + "' " + context + " but found " + peek().describe(), null);
  }

  /** Takes a name (a word that is not a reserved expression word). */
  Token expectName(String what) {
    Token t = peek();
    if (t.is(TokenKind.WORD) && RESERVED.contains(t.text())) {
      throw error(DiagnosticCode.RESERVED_WORD,
          "expected " + what + " but found the reserved word '" + t.text() + "'",
          "'" + t.text() + "' is an operator; choose another name");
    }
    return expect(TokenKind.WORD, what);
  }

  ParseError error(DiagnosticCode code, String message, String hint) {
    return error(Diagnostic.error(code, peek().span(), message).withHint(hint));
  }

  /**
   * Reports {@code d} and returns the exception to throw, unless the lexer already reported a bad
   * token right before the current one: then the parse error is only its echo.
   */
  ParseError error(Diagnostic d) {
    int from = index == 0 ? 0 : previous().span().end();
    int to = peek().span().offset();
    boolean echo = errorTokens.stream().anyMatch(t -> t.span().offset() >= from && t.span().offset() <= to);
    if (!echo) {
      reporter.report(d);
    }
    return new ParseError();
  }

  /** Skips to the next line-start token that is one of {@code words}, or to the end. */
  void skipToLineStart(Set<String> words) {
    advance();
    while (!atEnd()) {
      Token t = peek();
      if (t.lineStart() && t.is(TokenKind.WORD) && words.contains(t.text())) {
        return;
      }
      advance();
    }
  }

  /** Source text between two offsets, for hints. */
  String text(int from, int to) {
    return source.substring(Math.max(0, from), Math.min(source.length(), to));
  }

  static SourceSpan span(Token first, Token last) {
    return first.span().to(last.span());
  }
}
