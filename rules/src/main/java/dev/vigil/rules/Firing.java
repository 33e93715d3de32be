package dev.vigil.rules;

/**
 * When a compiled rule's output rows are matches. Esper also emits rows for aggregated windows
 * when events leave a sliding window, which are not matches: for {@link #ON_EVENT} rules the
 * engine must keep only rows produced while an event is being sent, and drop rows produced while
 * the clock advances.
 */
public enum Firing {
  /** Filters, sliding and session windows, {@code over all}, sequences: a match is made by an arriving event. */
  ON_EVENT,
  /** Tumbling windows (when a window closes) and absences (when the period passes): a match is made by time. */
  ON_TIME
}
