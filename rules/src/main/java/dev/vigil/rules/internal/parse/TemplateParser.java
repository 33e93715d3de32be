package dev.vigil.rules.internal.parse;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Template;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.internal.lex.Lexer;
import dev.vigil.rules.internal.lex.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an alert template string into text and {@code {expression}} holes and parses each hole
 * with the expression parser, keeping file positions so errors inside a hole point into the
 * string. {@code {{} and {@code }}} stand for literal braces.
 */
final class TemplateParser {

  private final Reporter reporter;
  private final String source;

  TemplateParser(Reporter reporter, String source) {
    this.reporter = reporter;
    this.source = source;
  }

  Template parse(Token string) {
    String value = string.value();
    int[] offsets = valueOffsets(string);
    List<Template.Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '{' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
        text.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < value.length() && value.charAt(i + 1) == '}') {
        text.append('}');
        i += 2;
      } else if (c == '}') {
        report(string, offsets, i, 1, "unmatched '}' in alert template", "write '}}' for a literal brace");
        i++;
      } else if (c == '{') {
        int close = value.indexOf('}', i);
        if (close < 0) {
          report(string, offsets, i, 1, "unclosed '{' in alert template", "close the placeholder with '}', or write '{{' for a literal brace");
          break;
        }
        if (text.length() > 0) {
          parts.add(new Template.Text(text.toString()));
          text.setLength(0);
        }
        Expr e = hole(string, offsets, i + 1, close);
        if (e != null) {
          parts.add(new Template.Hole(e));
        }
        i = close + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    if (text.length() > 0) {
      parts.add(new Template.Text(text.toString()));
    }
    return new Template(parts, string.span());
  }

  private Expr hole(Token string, int[] offsets, int from, int to) {
    String content = string.value().substring(from, to);
    boolean contiguous = offsets[to] - offsets[from] == to - from;
    if (content.isBlank() || !contiguous || content.indexOf('"') >= 0) {
      report(string, offsets, from - 1, to - from + 2,
          content.isBlank() ? "empty placeholder '{}' in alert template" : "placeholders cannot contain strings",
          "put a field, key or aggregate in the braces, e.g. {card_id}");
      return null;
    }
    SourceSpan at = position(string, offsets[from]);
    Reporter local = new Reporter();
    List<Token> tokens = new java.util.ArrayList<>(new Lexer(content, local, at.offset(), at.line(), at.column()).tokens());
    // The hole ends at its '}', so errors at the end say "found '}'" and point at it.
    SourceSpan brace = position(string, offsets[to]);
    tokens.set(tokens.size() - 1, new Token(dev.vigil.rules.internal.lex.TokenKind.EOF, "}", "}", brace, false));
    TokenCursor cursor = new TokenCursor(tokens, local, source);
    Expr e = null;
    try {
      e = new ExprParser(cursor).expression();
      if (!cursor.atEnd()) {
        cursor.error(DiagnosticCode.BAD_TEMPLATE, "expected '}' to end the placeholder but found " + cursor.peek().describe(), null);
      }
    } catch (ParseError ignored) {
      // reported in local
    }
    local.diagnostics().forEach(reporter::report);
    return local.hasErrors() ? null : e;
  }

  private void report(Token string, int[] offsets, int index, int length, String message, String hint) {
    SourceSpan start = position(string, offsets[Math.min(index, offsets.length - 1)]);
    SourceSpan span = new SourceSpan(start.offset(), start.line(), start.column(), length);
    reporter.report(Diagnostic.error(DiagnosticCode.BAD_TEMPLATE, span, message).withHint(hint));
  }

  /** The span of the character at a file offset inside the (single-line) string token. */
  private static SourceSpan position(Token string, int fileOffset) {
    SourceSpan s = string.span();
    return new SourceSpan(fileOffset, s.line(), s.column() + (fileOffset - s.offset()), 1);
  }

  /** File offset of each character of the decoded value (plus one past the end). */
  private static int[] valueOffsets(Token string) {
    String raw = string.text();
    int[] offsets = new int[string.value().length() + 1];
    int v = 0;
    int r = 1;
    while (v < string.value().length() && r < raw.length()) {
      offsets[v++] = string.span().offset() + r;
      r += raw.charAt(r) == '\\' ? 2 : 1;
    }
    offsets[v] = string.span().offset() + Math.min(r, raw.length() - 1);
    return offsets;
  }
}
