package dev.vigil.engine;

import java.util.Objects;

/**
 * An accepted event that arrived after the watermark of a shard it routes to had passed it, so
 * the rules did not evaluate it (see {@code docs/design/event-time.md}).
 *
 * @param sequence its journal sequence number (unique, ascending in admission order)
 * @param event the event as journaled
 * @param watermark the time it was late against: events before it were no longer evaluated
 * @param arrivedAt wall-clock time of its admission, epoch ms
 */
public record LateEvent(long sequence, Event event, long watermark, long arrivedAt) {
  public LateEvent {
    Objects.requireNonNull(event, "event");
  }
}
