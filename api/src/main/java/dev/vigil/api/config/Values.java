package dev.vigil.api.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for configuration values. Each throws {@link IllegalArgumentException} with a reason
 * that reads well after "invalid value for http.port: ".
 */
public final class Values {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  private Values() {}

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT30S}. */
  public static Duration duration(String text) {
    String s = text.trim();
    Matcher m = DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
          throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return d;
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a duration; use a number with a unit: 500ms, 30s, 5m, 24h, 7d");
  }

  /** The shortest exact rendering in ms, s, m or h (days stay in hours: 24h, not 1d). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000L == 0 && ms > 0) {
      return ms / 3_600_000L + "h";
    } else if (ms % 60_000L == 0 && ms > 0) {
      return ms / 60_000L + "m";
    } else if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }

  /** Bytes: {@code 1048576}, {@code 512KiB}, {@code 10MiB}, {@code 1GiB}. */
  static long size(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; use bytes or a unit: 65536, 64KiB, 10MiB, 1GiB");
    }
    long n = parseLong(m.group(1), text);
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor = switch (unit) {
      case "KiB" -> 1024L;
      case "MiB" -> 1024L * 1024;
      case "GiB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    try {
      return Math.multiplyExact(n, factor);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }

  static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an integer");
    }
  }

  private static long parseLong(String digits, String text) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }
}
