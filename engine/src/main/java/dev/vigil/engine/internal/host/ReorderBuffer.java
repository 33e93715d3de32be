package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A shard's events waiting for the watermark, in event-time order with ties broken by event id
 * and route key, so the order the rules see does not depend on arrival order. Shard thread only.
 */
final class ReorderBuffer {

  /** One buffered delivery. */
  record Pending(Event event, String routeKey, Ticket ticket, long sequence) {}

  private static final Comparator<Pending> ORDER =
      Comparator.<Pending>comparingLong(p -> p.event().timestamp())
          .thenComparing(p -> p.event().id())
          .thenComparing(p -> p.routeKey() == null ? "" : "\u0000" + p.routeKey());

  private final PriorityQueue<Pending> queue = new PriorityQueue<>(ORDER);

  void add(Pending p) {
    queue.add(p);
  }

  /** The next pending event with a timestamp before {@code watermark}, removed; else null. */
  Pending pollBefore(long watermark) {
    Pending head = queue.peek();
    if (head == null || head.event().timestamp() >= watermark) {
      return null;
    }
    return queue.poll();
  }

  int size() {
    return queue.size();
  }
}
