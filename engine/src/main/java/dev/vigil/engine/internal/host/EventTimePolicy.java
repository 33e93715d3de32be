package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;

/**
 * How a runtime's event-time clock moves right before an event is sent to it. Events reach a
 * runtime in event-time order out of the shard's reorder buffer (see {@link Watermark}), so the
 * clock moves to each event's timestamp; it never goes back.
 */
@FunctionalInterface
public interface EventTimePolicy {

  /** Called on the shard thread right before {@code event} is sent to {@code runtime}. */
  void beforeSend(RuleRuntime runtime, Event event);

  /** Advance to the event's timestamp when it is ahead of the runtime's clock; never go back. */
  static EventTimePolicy forwardOnly() {
    return (runtime, event) -> {
      if (event.timestamp() > runtime.currentTime()) {
        runtime.advanceTime(event.timestamp());
      }
    };
  }
}
