package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;

/**
 * A shard's events waiting for the watermark, in event-time order with ties broken by event id
 * and route key, so the order the rules see does not depend on arrival order. Shard thread only.
 *
 * <p>Deliveries are kept in one bucket per distinct timestamp, and only the timestamps are in a
 * heap (a 4-ary min-heap over a {@code long[]}); a bucket is sorted by event id and route key when
 * its time is released. Under load a shard buffers 50 000–100 000 deliveries, a dozen or more per
 * millisecond, and ids of one client often share a long prefix: a {@code PriorityQueue} of the
 * deliveries compared them pointer by pointer, ~17 levels per poll with many ties, each a chain of
 * cache misses (about a tenth of all samples over HTTP with the bundled rules, docs/performance.md,
 * eighth pass). Now the heap holds a tenth as many entries, all primitive, and ties are compared
 * within a small bucket that is in cache while it is sorted.
 */
final class ReorderBuffer {

  /** One buffered delivery; {@code time} is the event's timestamp, kept here for the ordering. */
  record Pending(long time, Event event, String routeKey, Ticket ticket, long sequence) {
    Pending(Event event, String routeKey, Ticket ticket, long sequence) {
      this(event.timestamp(), event, routeKey, ticket, sequence);
    }
  }

  /** Same time: event id, then route key (the global runtime's {@code null} first); no allocation. */
  private static final Comparator<Pending> TIE = (a, b) -> {
    if (a.event() != b.event()) {
      int c = a.event().id().compareTo(b.event().id());
      if (c != 0) {
        return c;
      }
    }
    String ka = a.routeKey();
    String kb = b.routeKey();
    return ka == null ? (kb == null ? 0 : -1) : kb == null ? 1 : ka.compareTo(kb);
  };

  /** The release order: time, then {@link #TIE}. */
  static final Comparator<Pending> ORDER = (a, b) -> {
    int c = Long.compare(a.time(), b.time());
    return c != 0 ? c : TIE.compare(a, b);
  };

  /** The deliveries of one timestamp, in arrival order until sorted for release. */
  private static final class Bucket {
    final long time;
    Pending[] items = new Pending[4];
    int count;

    Bucket(long time) {
      this.time = time;
    }

    void add(Pending p) {
      if (count == items.length) {
        items = Arrays.copyOf(items, 2 * count);
      }
      items[count++] = p;
    }
  }

  private final HashMap<Long, Bucket> buckets = new HashMap<>();
  /** The distinct times that have a bucket in {@link #buckets}: a 4-ary min-heap. */
  private long[] heap = new long[64];
  private int heapSize;
  /** The bucket last added to (consecutive deliveries usually share or raise the time). */
  private Bucket last;
  /** The bucket being released, sorted; its entries from {@link #next} on are still buffered. */
  private Bucket draining;
  private int next;
  private int size;

  void add(Pending p) {
    size++;
    if (draining != null && p.time() == draining.time) {
      insertDraining(p);
      return;
    }
    Bucket b = last != null && last.time == p.time() ? last : buckets.get(p.time());
    if (b == null) {
      b = new Bucket(p.time());
      buckets.put(p.time(), b);
      push(p.time());
    }
    b.add(p);
    last = b;
  }

  /** The next pending event with a timestamp before {@code watermark}, removed; else null. */
  Pending pollBefore(long watermark) {
    if (draining != null && heapSize > 0 && heap[0] < draining.time) {
      requeueDraining(); // an older delivery arrived while a later time was being released
    }
    if (draining == null) {
      if (heapSize == 0 || heap[0] >= watermark) {
        return null;
      }
      Bucket b = buckets.remove(pop());
      if (b == last) {
        last = null;
      }
      Arrays.sort(b.items, 0, b.count, TIE);
      draining = b;
      next = 0;
    } else if (draining.time >= watermark) {
      return null;
    }
    Pending p = draining.items[next];
    draining.items[next++] = null;
    if (next == draining.count) {
      draining = null;
    }
    size--;
    return p;
  }

  int size() {
    return size;
  }

  /** Into the sorted rest of the bucket being released, at its place. */
  private void insertDraining(Pending p) {
    Bucket b = draining;
    int lo = next;
    int hi = b.count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (TIE.compare(b.items[mid], p) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    b.add(null); // room for one more
    System.arraycopy(b.items, lo, b.items, lo + 1, b.count - 1 - lo);
    b.items[lo] = p;
  }

  /** Puts the unreleased rest of {@link #draining} back as a bucket of its time. */
  private void requeueDraining() {
    Bucket rest = new Bucket(draining.time);
    for (int i = next; i < draining.count; i++) {
      rest.add(draining.items[i]);
    }
    draining = null;
    Bucket existing = buckets.get(rest.time);
    if (existing == null) {
      buckets.put(rest.time, rest);
      push(rest.time);
    } else {
      for (int i = 0; i < rest.count; i++) {
        existing.add(rest.items[i]);
      }
    }
  }

  private void push(long t) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize + (heapSize >> 1));
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (heap[parent] <= t) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = t;
  }

  private long pop() {
    long top = heap[0];
    long t = heap[--heapSize];
    int i = 0;
    while (true) {
      int first = 4 * i + 1;
      if (first >= heapSize) {
        break;
      }
      int least = first;
      int end = Math.min(first + 4, heapSize);
      for (int c = first + 1; c < end; c++) {
        if (heap[c] < heap[least]) {
          least = c;
        }
      }
      if (t <= heap[least]) {
        break;
      }
      heap[i] = heap[least];
      i = least;
    }
    heap[i] = t;
    if (heap.length > 64 && heapSize < heap.length >> 2) {
      heap = Arrays.copyOf(heap, Math.max(64, heap.length >> 1)); // a burst's array goes once it drains
    }
    return top;
  }
}
