package dev.vigil.rules;

/**
 * A stretch of rule source text. {@code offset} is 0-based (in UTF-16 chars, as {@link
 * String#charAt}); {@code line} and {@code column} are 1-based and name the first character;
 * {@code length} may be 0 (a point, e.g. "end of file").
 */
public record SourceSpan(int offset, int line, int column, int length) {

  /** A span for nodes built by hand rather than parsed. */
  public static final SourceSpan NONE = new SourceSpan(0, 1, 1, 0);

  public SourceSpan {
    if (offset < 0 || line < 1 || column < 1 || length < 0) {
      throw new IllegalArgumentException("bad span " + offset + "/" + line + ":" + column + "+" + length);
    }
  }

  /** Offset just past the last character. */
  public int end() {
    return offset + length;
  }

  /** From the start of {@code this} to the end of {@code last}. */
  public SourceSpan to(SourceSpan last) {
    return new SourceSpan(offset, line, column, Math.max(0, last.end() - offset));
  }

  @Override
  public String toString() {
    return line + ":" + column + "+" + length;
  }
}
