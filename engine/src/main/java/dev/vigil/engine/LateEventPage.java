package dev.vigil.engine;

import java.util.List;

/** One page of late events, newest first; {@code nextCursor} is {@code null} on the last page. */
public record LateEventPage(List<LateEvent> events, String nextCursor) {
  public LateEventPage {
    events = List.copyOf(events);
  }
}
