package dev.vigil.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads timestamps from JSON: an RFC 3339 string with a mandatory offset ({@code
 * 2026-11-25T10:00:00Z}, {@code 2026-11-25T12:00:00.250+02:00}) or an integer of epoch
 * milliseconds. {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} alone is too
 * lenient for RFC 3339 (it accepts missing seconds and {@code +02}), hence the pattern first.
 */
public final class Timestamps {
  /** Earliest accepted event time, 2000-01-01T00:00:00Z: earlier values are unit or clock bugs. */
  public static final long MIN_EVENT_TIME = 946_684_800_000L;

  /** Range of timestamp fields: years 0000 to 9999. */
  static final long MIN_FIELD_TIME = -62_167_219_200_000L;

  static final long MAX_FIELD_TIME = 253_402_300_799_999L;

  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  private Timestamps() {}

  /**
   * Parses a timestamp value.
   *
   * @return epoch milliseconds (sub-millisecond digits are truncated)
   * @throws IllegalArgumentException with the reason when the value is not a timestamp
   */
  static long parse(JsonNode node) {
    if (node.isTextual()) {
      return parseText(node.textValue());
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new IllegalArgumentException("epoch milliseconds out of range");
      }
      return node.longValue();
    }
    throw new IllegalArgumentException(
        "must be an RFC 3339 timestamp with offset (e.g. \"2026-11-25T10:00:00Z\") or integer epoch milliseconds");
  }

  /** Parses an RFC 3339 timestamp with offset; also used for query parameters. */
  public static long parseText(String text) {
    if (text.length() > 40 || !RFC3339.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "must be an RFC 3339 timestamp with offset, e.g. \"2026-11-25T10:00:00Z\"");
    }
    try {
      return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("is not a valid date and time: " + text);
    }
  }

  /** Parses RFC 3339 or a plain (possibly negative) integer of epoch milliseconds, e.g. a query parameter. */
  public static long parseTextOrMillis(String text) {
    if (text.matches("-?\\d{1,18}")) {
      return Long.parseLong(text);
    }
    try {
      return parseText(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "must be an RFC 3339 timestamp with offset or integer epoch milliseconds");
    }
  }

  /** RFC 3339 in UTC, e.g. {@code 2026-11-25T10:00:00Z}. */
  public static String format(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
