package dev.vigil.engine;

/** What the engine did with one submitted event. */
public enum Admission {
  /** Journaled durably and queued for the rules. */
  ACCEPTED,
  /** Its event_id was seen within the dedup horizon (or earlier in the same batch): not processed again. */
  DUPLICATE
}
