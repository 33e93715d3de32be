package dev.vigil.engine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses short durations as rules and config write them: {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}. */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("([1-9][0-9]{0,8})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** @throws IllegalArgumentException when {@code text} is not a positive number and a unit */
  public static Duration parse(String text) {
    Matcher m = SHORT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a positive number with a unit ms, s, m, h or d, e.g. 30s, 10m, 1h, 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
