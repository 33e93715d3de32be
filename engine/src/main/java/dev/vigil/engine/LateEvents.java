package dev.vigil.engine;

/** The late-events log: bounded by count and age (see {@link EngineConfig}); thread-safe. */
public interface LateEvents {

  /**
   * @throws IllegalArgumentException when the cursor was not handed out by this log
   */
  LateEventPage query(LateEventQuery query);

  /** Entries currently kept. */
  long count();
}
