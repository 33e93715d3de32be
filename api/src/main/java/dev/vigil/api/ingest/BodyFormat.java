package dev.vigil.api.ingest;

import java.util.Locale;

/** The request body formats {@code POST /v1/events} accepts, chosen by {@code Content-Type}. */
enum BodyFormat {
  /** {@code application/json}: one event object or an array of them. */
  JSON,
  /** {@code application/x-ndjson}: one event object per line, blank lines skipped. */
  NDJSON;

  /**
   * Maps a {@code Content-Type} header to a format; {@code null} when unsupported. Parameters
   * other than {@code charset=utf-8} make the type unsupported too: bodies are UTF-8 only.
   */
  static BodyFormat fromContentType(String header) {
    if (header == null) {
      return null;
    }
    String[] parts = header.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (!param.isEmpty() && !param.equals("charset=utf-8") && !param.equals("charset=\"utf-8\"")) {
        return null;
      }
    }
    return switch (media) {
      case "application/json" -> JSON;
      case "application/x-ndjson", "application/ndjson" -> NDJSON;
      default -> null;
    };
  }
}
