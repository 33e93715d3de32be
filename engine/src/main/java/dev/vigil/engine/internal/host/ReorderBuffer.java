package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A shard's events waiting for the watermark, in event-time order with ties broken by event id
 * and route key, so the order the rules see does not depend on arrival order. Shard thread only.
 */
final class ReorderBuffer {

  /** One buffered delivery; {@code time} is the event's timestamp, kept here for the ordering. */
  record Pending(long time, Event event, String routeKey, Ticket ticket, long sequence) {
    Pending(Event event, String routeKey, Ticket ticket, long sequence) {
      this(event.timestamp(), event, routeKey, ticket, sequence);
    }
  }

  /** Time, then event id, then route key (the global runtime's {@code null} first); no allocation. */
  private static final Comparator<Pending> ORDER = (a, b) -> {
    int c = Long.compare(a.time(), b.time());
    if (c != 0) {
      return c;
    }
    c = a.event().id().compareTo(b.event().id());
    if (c != 0) {
      return c;
    }
    String ka = a.routeKey();
    String kb = b.routeKey();
    return ka == null ? (kb == null ? 0 : -1) : kb == null ? 1 : ka.compareTo(kb);
  };

  private final PriorityQueue<Pending> queue = new PriorityQueue<>(ORDER);

  void add(Pending p) {
    queue.add(p);
  }

  /** The next pending event with a timestamp before {@code watermark}, removed; else null. */
  Pending pollBefore(long watermark) {
    Pending head = queue.peek();
    if (head == null || head.time() >= watermark) {
      return null;
    }
    return queue.poll();
  }

  int size() {
    return queue.size();
  }
}
