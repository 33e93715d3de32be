package dev.vigil.rules;

/**
 * A source text with the expected span marked inline by {@code «} and {@code »} (after Calcite's
 * StringAndPos): {@code Marked.of("when count(transaction «>» 5")} is the text without the marks
 * and the span of {@code >}. An empty {@code «»} marks a point.
 */
public record Marked(String text, SourceSpan span) {

  public static Marked of(String marked) {
    int open = marked.indexOf('«');
    int close = marked.indexOf('»');
    if (open < 0 || close < open || marked.indexOf('«', open + 1) >= 0) {
      throw new IllegalArgumentException("mark exactly one span with «...»: " + marked);
    }
    String text = marked.substring(0, open) + marked.substring(open + 1, close) + marked.substring(close + 1);
    int line = 1;
    int column = 1;
    for (int i = 0; i < open; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Marked(text, new SourceSpan(open, line, column, close - open - 1));
  }
}
