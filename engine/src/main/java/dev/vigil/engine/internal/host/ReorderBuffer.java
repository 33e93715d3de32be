package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A shard's events waiting for the watermark, in event-time order with ties broken by event id
 * and route key, so the order the rules see does not depend on arrival order. Shard thread only.
 *
 * <p>A 4-ary min-heap whose timestamps live in a {@code long[]} beside the entries: a comparison
 * reads the two times from that array and touches the entries only when the times are equal.
 * Under load a shard buffers tens of thousands of deliveries (the lateness bound's worth), and a
 * {@code PriorityQueue} with a comparator followed a pointer to each entry it compared, ~17 levels
 * per poll, nearly every one a cache miss: about a sixth of the shards' time over HTTP with the
 * bundled rules (docs/performance.md, eighth pass). Four children per node halve the depth and sit
 * in one cache line of the times array.
 */
final class ReorderBuffer {

  /** One buffered delivery; {@code time} is the event's timestamp, kept here for the ordering. */
  record Pending(long time, Event event, String routeKey, Ticket ticket, long sequence) {
    Pending(Event event, String routeKey, Ticket ticket, long sequence) {
      this(event.timestamp(), event, routeKey, ticket, sequence);
    }
  }

  /** Time, then event id, then route key (the global runtime's {@code null} first); no allocation. */
  static final Comparator<Pending> ORDER = (a, b) -> {
    int c = Long.compare(a.time(), b.time());
    return c != 0 ? c : tie(a, b);
  };

  /** The order of two deliveries with the same time. */
  private static int tie(Pending a, Pending b) {
    int c = a.event().id().compareTo(b.event().id());
    if (c != 0) {
      return c;
    }
    String ka = a.routeKey();
    String kb = b.routeKey();
    return ka == null ? (kb == null ? 0 : -1) : kb == null ? 1 : ka.compareTo(kb);
  }

  private static final int INITIAL = 64;

  private long[] times = new long[INITIAL];
  private Pending[] items = new Pending[INITIAL];
  private int size;

  void add(Pending p) {
    if (size == items.length) {
      int capacity = size + (size >> 1);
      times = Arrays.copyOf(times, capacity);
      items = Arrays.copyOf(items, capacity);
    }
    siftUp(size++, p.time(), p);
  }

  /** The next pending event with a timestamp before {@code watermark}, removed; else null. */
  Pending pollBefore(long watermark) {
    if (size == 0 || times[0] >= watermark) {
      return null;
    }
    Pending head = items[0];
    int last = --size;
    Pending moved = items[last];
    long movedTime = times[last];
    items[last] = null;
    if (last > 0) {
      siftDown(0, movedTime, moved);
    }
    if (items.length > INITIAL && size < items.length >> 2) {
      int capacity = Math.max(INITIAL, items.length >> 1); // a burst's arrays go once it drains
      times = Arrays.copyOf(times, capacity);
      items = Arrays.copyOf(items, capacity);
    }
    return head;
  }

  int size() {
    return size;
  }

  private boolean before(long t, Pending p, int j) {
    long u = times[j];
    return t < u || (t == u && tie(p, items[j]) < 0);
  }

  private void siftUp(int i, long t, Pending p) {
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (!before(t, p, parent)) {
        break;
      }
      times[i] = times[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = t;
    items[i] = p;
  }

  private void siftDown(int i, long t, Pending p) {
    while (true) {
      int first = 4 * i + 1;
      if (first >= size) {
        break;
      }
      int least = first;
      int end = Math.min(first + 4, size);
      for (int c = first + 1; c < end; c++) {
        if (before(times[c], items[c], least)) {
          least = c;
        }
      }
      long tl = times[least];
      if (t < tl || (t == tl && tie(p, items[least]) <= 0)) {
        break; // p goes here: no child before it
      }
      times[i] = times[least];
      items[i] = items[least];
      i = least;
    }
    times[i] = t;
    items[i] = p;
  }
}
