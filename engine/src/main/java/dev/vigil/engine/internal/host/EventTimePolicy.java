package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;

/**
 * Decides how a runtime's event-time clock moves when an event is delivered. This is the seam for
 * watermarks and bounded reordering (a later issue): today events are processed in arrival order
 * and the clock only moves forward, so a late event is evaluated at the current (later) time.
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
