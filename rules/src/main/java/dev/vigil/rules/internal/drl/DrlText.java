package dev.vigil.rules.internal.drl;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The only way text from a decision reaches DRL. Names must match {@code [a-z][a-z0-9_]*};
 * string literals are double-quoted with {@code \} and {@code "} escaped (so every backslash the
 * user wrote is doubled and can never start a Java unicode escape) and control, line-separator and
 * bidi characters refused; numbers are re-printed from their parsed value and checked against a
 * strict pattern. Anything else throws {@link UnsafeOutputException}: the checker should have
 * stopped it, so reaching this is a compiler bug, never a user path to DRL syntax.
 */
final class DrlText {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private DrlText() {}

  /** Thrown when text that is not provably safe would reach DRL. */
  static final class UnsafeOutputException extends IllegalStateException {
    UnsafeOutputException(String message) {
      super(message);
    }
  }

  /** A name (decision, field, rule id), returned as a DRL string literal. */
  static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new UnsafeOutputException("not a safe name: " + describe(name));
    }
    return "\"" + name + "\"";
  }

  /** A string literal: {@code "O\"Brien"}. */
  static String literal(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        throw new UnsafeOutputException(String.format("control character U+%04X in a string", (int) c));
      }
      if (c == '\\' || c == '"') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /** An exact number, as the argument of {@code num("...")}. */
  static String number(BigDecimal value) {
    String text = value.toPlainString();
    if (!NUMBER.matcher(text).matches() || text.length() > 64) {
      throw new UnsafeOutputException("not a safe number: " + describe(text));
    }
    return "num( \"" + text + "\" )";
  }

  /** An int printed by us (points, line indexes). */
  static String integer(long v) {
    return Long.toString(v);
  }

  private static String describe(String s) {
    return s == null ? "null" : "\"" + s.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }
}
