package dev.vigil.rules.internal.epl;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The only way text from a rule reaches EPL. Names must match {@code [a-z][a-z0-9_]*} and field
 * names are additionally back-quoted, so a field called {@code from} or {@code select} stays a
 * name; string literals are single-quoted with {@code \} and {@code '} escaped and control
 * characters refused. Anything else throws {@link UnsafeOutputException}: the checker should have
 * stopped it, so reaching this is a bug, never a user-controlled path to EPL syntax.
 */
final class EplText {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private EplText() {}

  /** Thrown when text that is not provably safe would reach EPL. */
  static final class UnsafeOutputException extends RuntimeException {
    UnsafeOutputException(String message) {
      super(message);
    }
  }

  /** A field or column name, back-quoted: {@code `amount`}. */
  static String field(String name) {
    return "`" + name(name) + "`";
  }

  /** An event type or alias, bare (Esper cannot declare a back-quoted schema name). */
  static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new UnsafeOutputException("not a safe name: " + describe(name));
    }
    return name;
  }

  static String ruleId(String id) {
    if (id == null || !RULE_ID.matcher(id).matches()) {
      throw new UnsafeOutputException("not a safe rule id: " + describe(id));
    }
    return literal(id);
  }

  /** A string literal: {@code 'O\'Brien'}. */
  static String literal(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
        throw new UnsafeOutputException(String.format("control character U+%04X in a string", (int) c));
      }
      if (c == '\\' || c == '\'') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('\'').toString();
  }

  /** A number literal: int when it fits, else long ({@code L}) or double. */
  static String number(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    String text;
    if (v.scale() <= 0) {
      try {
        long l = v.longValueExact();
        text = l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Long.toString(l) : l + "L";
      } catch (ArithmeticException e) {
        text = Double.toString(v.doubleValue()) + "d";
      }
    } else {
      text = v.toPlainString();
    }
    if (!text.matches("-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?[Ld]?")) {
      throw new UnsafeOutputException("not a safe number: " + text);
    }
    return text;
  }

  /** A time period: {@code 10 min}, {@code 2 hours}. */
  static String period(long amount, String unit) {
    String word = switch (unit) {
      case "ms" -> "msec";
      case "s" -> "sec";
      case "m" -> "min";
      case "h" -> "hours";
      case "d" -> "days";
      default -> throw new UnsafeOutputException("unknown unit " + describe(unit));
    };
    return amount + " " + word;
  }

  /** A {@code like} pattern literal with {@code !} as escape character. */
  static String likePattern(String prefix, String value, String suffix) {
    String escaped = value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return literal(prefix + escaped + suffix) + " escape '!'";
  }

  private static String describe(String s) {
    return s == null ? "null" : "\"" + s.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }
}
