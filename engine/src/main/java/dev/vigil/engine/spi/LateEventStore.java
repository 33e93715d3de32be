package dev.vigil.engine.spi;

import dev.vigil.engine.LateEvent;
import dev.vigil.engine.LateEvents;
import java.util.List;

/** The durable late-events log, keyed by journal sequence. */
public interface LateEventStore extends LateEvents {

  /**
   * Stores the entries not stored yet (a replay after a crash may offer the same sequence again),
   * then drops the oldest entries beyond {@code maxEntries} and those that arrived before {@code
   * nowMillis - retentionMillis}.
   *
   * @return the entries that were new
   */
  List<LateEvent> record(List<LateEvent> entries, long nowMillis, int maxEntries, long retentionMillis);
}
