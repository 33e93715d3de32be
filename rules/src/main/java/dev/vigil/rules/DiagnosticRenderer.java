package dev.vigil.rules;

import java.util.List;

/**
 * Renders diagnostics like a modern compiler, with the source line, a caret under the span and
 * the hint:
 *
 * <pre>
 * velocity.vgl:14:27: error[R1012]: expected ')' to close 'count(' but found '&gt;'
 * 14 |   when count(transaction &gt; 5
 *    |                          ^
 *    |             ^ '(' opened here
 *    = hint: close the call before comparing: count(transaction) &gt; 5
 * </pre>
 */
public final class DiagnosticRenderer {

  private DiagnosticRenderer() {}

  /** Renders all diagnostics, each followed by a blank line. */
  public static String render(String fileName, String source, List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append(render(fileName, source, d)).append('\n');
    }
    return sb.toString();
  }

  public static String render(String fileName, String source, Diagnostic d) {
    StringBuilder sb = new StringBuilder();
    SourceSpan span = d.span();
    sb.append(fileName).append(':').append(span.line()).append(':').append(span.column()).append(": ")
        .append(d.severity().label()).append('[').append(d.code().code()).append("]: ")
        .append(d.message()).append('\n');
    int widest = span.line();
    for (Diagnostic.Note note : d.notes()) {
      widest = Math.max(widest, note.span().line());
    }
    String gutter = " ".repeat(String.valueOf(widest).length());
    appendLine(sb, source, span.line(), gutter);
    appendCaret(sb, gutter, span, source, null);
    for (Diagnostic.Note note : d.notes()) {
      if (note.span().line() != span.line()) {
        appendLine(sb, source, note.span().line(), gutter);
      }
      appendCaret(sb, gutter, note.span(), source, note.message());
    }
    if (d.hint() != null) {
      sb.append(gutter).append(" = hint: ").append(d.hint()).append('\n');
    }
    return sb.toString();
  }

  private static void appendLine(StringBuilder sb, String source, int line, String gutter) {
    String text = lineText(source, line);
    String number = String.valueOf(line);
    String pad = gutter.length() > number.length() ? " ".repeat(gutter.length() - number.length()) : "";
    sb.append(pad).append(number).append(" | ").append(text).append('\n');
  }

  private static void appendCaret(StringBuilder sb, String gutter, SourceSpan span, String source, String label) {
    String text = lineText(source, span.line());
    int col = Math.min(span.column() - 1, text.length());
    int width = Math.max(1, Math.min(span.length(), Math.max(1, text.length() - col)));
    StringBuilder indent = new StringBuilder();
    for (int i = 0; i < col; i++) {
      indent.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    sb.append(gutter).append(" | ").append(indent).append("^".repeat(width));
    if (label != null) {
      sb.append(' ').append(label);
    }
    sb.append('\n');
  }

  private static String lineText(String source, int line) {
    int start = 0;
    for (int l = 1; l < line; l++) {
      int nl = source.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
    }
    int end = source.indexOf('\n', start);
    String text = end < 0 ? source.substring(start) : source.substring(start, end);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
