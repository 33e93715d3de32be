package dev.vigil.engine;

/**
 * A page request over the late-events log, newest first.
 *
 * @param type only events of this type, or {@code null}
 * @param since only events that arrived at or after this wall-clock time (epoch ms), or {@code null}
 * @param cursor {@link LateEventPage#nextCursor()} of the previous page, or {@code null}
 * @param limit page size, 1 to 1000
 */
public record LateEventQuery(String type, Long since, String cursor, int limit) {
  public static LateEventQuery firstPage(int limit) {
    return new LateEventQuery(null, null, null, limit);
  }
}
