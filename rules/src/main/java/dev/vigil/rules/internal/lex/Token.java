package dev.vigil.rules.internal.lex;

import dev.vigil.rules.SourceSpan;

/**
 * One token. {@code value} is the decoded string of a STRING token, else the source text.
 * {@code lineStart} tells whether it is the first token on its line (used for error recovery).
 */
public record Token(TokenKind kind, String text, String value, SourceSpan span, boolean lineStart) {

  public boolean is(TokenKind k) {
    return kind == k;
  }

  public boolean isWord(String word) {
    return kind == TokenKind.WORD && text.equals(word);
  }

  /** How the token is shown in messages: {@code '>'}, {@code 'rule'}, {@code end of file}. */
  public String describe() {
    if (kind == TokenKind.EOF) {
      return text.isEmpty() ? "end of file" : "'" + text + "'";
    }
    if (kind == TokenKind.STRING) {
      return "string \"" + abbreviate(value) + "\"";
    }
    return "'" + abbreviate(text) + "'";
  }

  private static String abbreviate(String s) {
    return s.length() > 24 ? s.substring(0, 21) + "..." : s;
  }
}
