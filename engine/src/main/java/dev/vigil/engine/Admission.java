package dev.vigil.engine;

/** What the engine did with one submitted event. */
public enum Admission {
  /** Journaled durably and queued for the rules. */
  ACCEPTED,
  /**
   * Journaled durably, but older than the watermark of a shard it routes to: it is not evaluated
   * by the rules (windows it belonged to may have closed), but counted, reported and kept in the
   * late-events log (see {@code docs/design/event-time.md}).
   */
  ACCEPTED_LATE,
  /** Its event_id was seen within the dedup horizon (or earlier in the same batch): not processed again. */
  DUPLICATE;

  /** Whether the event was journaled (on time or late). */
  public boolean accepted() {
    return this != DUPLICATE;
  }
}
