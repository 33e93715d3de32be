package dev.vigil.rules.internal.lex;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.internal.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hand-written lexer. Turns source text into tokens, reporting bad characters and strings and
 * carrying on, so the parser sees a complete token stream. Strings use double quotes and know
 * only two escapes, {@code \"} and {@code \\}: rule text never needs control characters, and
 * refusing them (and the bidirectional-override characters of "Trojan Source") keeps alert
 * messages and generated code free of surprises.
 */
public final class Lexer {

  private static final Set<String> UNITS = Set.of("ms", "s", "m", "h", "d");

  private final String src;
  private final Reporter reporter;
  private final int baseOffset;
  private final int baseLine;
  private final int baseColumn;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line;
  private int lineStartPos;
  private boolean firstOnLine = true;

  /** Lexes {@code src} whose first character sits at the given position of the file. */
  public Lexer(String src, Reporter reporter, int baseOffset, int baseLine, int baseColumn) {
    this.src = src;
    this.reporter = reporter;
    this.baseOffset = baseOffset;
    this.baseLine = baseLine;
    this.baseColumn = baseColumn;
    this.line = 0;
    this.lineStartPos = 0;
  }

  public Lexer(String src, Reporter reporter) {
    this(src, reporter, 0, 1, 1);
  }

  public List<Token> tokens() {
    while (true) {
      skipBlanks();
      if (pos >= src.length()) {
        tokens.add(token(TokenKind.EOF, pos, pos, ""));
        return tokens;
      }
      lexOne();
    }
  }

  private void skipBlanks() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStartPos = pos;
        firstOnLine = true;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void lexOne() {
    int start = pos;
    char c = src.charAt(pos);
    if (isWordStart(c)) {
      while (pos < src.length() && isWordPart(src.charAt(pos))) {
        pos++;
      }
      add(TokenKind.WORD, start, src.substring(start, pos));
    } else if (c >= '0' && c <= '9') {
      number(start);
    } else if (c == '"') {
      string(start);
    } else {
      symbol(start, c);
    }
  }

  private void number(int start) {
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    int unitStart = pos;
    while (pos < src.length() && isWordPart(src.charAt(pos))) {
      pos++;
    }
    String digits = src.substring(start, unitStart);
    String unit = src.substring(unitStart, pos);
    if (unit.isEmpty()) {
      add(TokenKind.NUMBER, start, digits);
    } else if (UNITS.contains(unit) && digits.indexOf('.') < 0) {
      add(TokenKind.DURATION, start, digits + unit);
    } else {
      SourceSpan span = span(start, pos);
      String hint = UNITS.contains(unit)
          ? "durations are whole numbers of a unit, e.g. 90s instead of 1.5m"
          : "duration units are ms, s, m, h and d, e.g. 10m";
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_NUMBER, span,
          "invalid number or duration '" + src.substring(start, pos) + "'").withHint(hint));
      add(TokenKind.ERROR, start, src.substring(start, pos));
    }
  }

  private void string(int start) {
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        reporter.report(Diagnostic.error(DiagnosticCode.UNTERMINATED_STRING, span(start, start + 1),
            "unterminated string").withHint("close the string with '\"' on the same line"));
        add(TokenKind.ERROR, start, src.substring(start, pos));
        return;
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        tokens.add(token(TokenKind.STRING, start, pos, value.toString()));
        return;
      }
      if (c == '\\') {
        char next = pos + 1 < src.length() ? src.charAt(pos + 1) : ' ';
        if (next == '"' || next == '\\') {
          value.append(next);
          pos += 2;
          continue;
        }
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_STRING_CHARACTER, span(pos, pos + 2),
            "unknown escape '\\" + (Character.isISOControl(next) ? "?" : String.valueOf(next)) + "' in string")
            .withHint("only \\\" and \\\\ are escapes; write other characters as they are"));
        pos += 2;
        continue;
      }
      if (isForbiddenInString(c)) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_STRING_CHARACTER, span(pos, pos + 1),
            String.format("control or direction-override character U+%04X in string", (int) c))
            .withHint("rule strings are single-line printable text"));
      } else {
        value.append(c);
      }
      pos++;
    }
  }

  static boolean isForbiddenInString(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f;
  }

  private void symbol(int start, char c) {
    char next = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
    switch (c) {
      case '(' -> single(TokenKind.LPAREN, start);
      case ')' -> single(TokenKind.RPAREN, start);
      case ',' -> single(TokenKind.COMMA, start);
      case ':' -> single(TokenKind.COLON, start);
      case '.' -> single(TokenKind.DOT, start);
      case '+' -> single(TokenKind.PLUS, start);
      case '-' -> single(TokenKind.MINUS, start);
      case '*' -> single(TokenKind.STAR, start);
      case '/' -> single(TokenKind.SLASH, start);
      case '%' -> single(TokenKind.PERCENT, start);
      case '<' -> pair(next == '=', TokenKind.LE, TokenKind.LT, start);
      case '>' -> pair(next == '=', TokenKind.GE, TokenKind.GT, start);
      case '=' -> {
        if (next == '=') {
          pair(true, TokenKind.EQ, TokenKind.EQ, start);
        } else {
          pos++;
          reporter.report(Diagnostic.error(DiagnosticCode.SINGLE_EQUALS, span(start, pos),
              "'=' is not an operator").withHint("compare with '=='"));
          add(TokenKind.EQ, start, "=");
        }
      }
      case '!' -> {
        if (next == '=') {
          pair(true, TokenKind.NE, TokenKind.NE, start);
        } else {
          unexpected(start, "negate with 'not'");
        }
      }
      case '&' -> unexpected(start, "combine conditions with 'and'");
      case '|' -> unexpected(start, "combine conditions with 'or'");
      case '\'' -> singleQuoted(start);
      default -> unexpected(start, null);
    }
  }

  /** A 'single-quoted' string: one error for the whole literal, with the double-quoted fix. */
  private void singleQuoted(int start) {
    int end = start + 1;
    while (end < src.length() && src.charAt(end) != '\'' && src.charAt(end) != '\n') {
      end++;
    }
    if (end >= src.length() || src.charAt(end) != '\'') {
      unexpected(start, "strings use double quotes: \"text\"");
      return;
    }
    pos = end + 1;
    String body = src.substring(start + 1, end);
    reporter.report(Diagnostic.error(DiagnosticCode.UNEXPECTED_CHARACTER, span(start, pos),
        "strings use double quotes, not single quotes")
        .withHint("write \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    add(TokenKind.ERROR, start, src.substring(start, pos));
  }

  private void unexpected(int start, String hint) {
    int cp = src.codePointAt(start);
    pos += Character.charCount(cp);
    String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
        ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
    Diagnostic d = Diagnostic.error(DiagnosticCode.UNEXPECTED_CHARACTER, span(start, pos),
        "unexpected character " + shown);
    reporter.report(hint == null ? d : d.withHint(hint));
    add(TokenKind.ERROR, start, src.substring(start, pos));
  }

  private void single(TokenKind kind, int start) {
    pos++;
    add(kind, start, src.substring(start, pos));
  }

  private void pair(boolean two, TokenKind twoKind, TokenKind oneKind, int start) {
    pos += two ? 2 : 1;
    add(two ? twoKind : oneKind, start, src.substring(start, pos));
  }

  private void add(TokenKind kind, int start, String text) {
    tokens.add(new Token(kind, text, text, span(start, pos), firstOnLine));
    firstOnLine = false;
  }

  private Token token(TokenKind kind, int start, int end, String value) {
    Token t = new Token(kind, src.substring(start, end), value, span(start, end), firstOnLine);
    firstOnLine = false;
    return t;
  }

  private SourceSpan span(int start, int end) {
    int column = start - lineStartPos + 1 + (line == 0 ? baseColumn - 1 : 0);
    return new SourceSpan(baseOffset + start, baseLine + line, column, end - start);
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || (c >= '0' && c <= '9');
  }
}
