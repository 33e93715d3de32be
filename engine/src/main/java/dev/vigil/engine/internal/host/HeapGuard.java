package dev.vigil.engine.internal.host;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Admission by memory, beside the event-count gate: rule state (windows, pattern instances) can
 * fill the heap while the queues are short, and a node that runs out of heap answers nothing. When
 * the long-lived part of the heap (the old generation: what survived collections; for collectors
 * without one, the heap after the last collection) passes {@code limit} of the maximum heap,
 * ingest is refused with a retryable 429 until collections or expiring windows bring it back
 * under. Sampled per batch: two MXBean reads, no allocation worth noting.
 */
public final class HeapGuard {
  private final double limit;
  private final LongSupplier used;
  private final long max;

  /** @param limit fraction of the maximum heap, in (0, 1]; 0 turns the guard off */
  public HeapGuard(double limit, MeterRegistry meters) {
    this(limit, longLived(), Runtime.getRuntime().maxMemory());
    Gauge.builder("vigil.engine.heap.long_lived", used, LongSupplier::getAsLong).baseUnit("bytes")
        .description("Old-generation heap in use (what ingest admission compares with engine.heap_limit)")
        .register(meters);
  }

  HeapGuard(double limit, LongSupplier used, long max) {
    if (limit < 0 || limit > 1) {
      throw new IllegalArgumentException("heap limit must be within [0, 1], was " + limit);
    }
    this.limit = limit;
    this.used = used;
    this.max = max;
  }

  /** Whether the long-lived heap is over the limit now. */
  public boolean over() {
    return limit > 0 && used.getAsLong() > (long) (limit * max);
  }

  public long used() {
    return used.getAsLong();
  }

  public long limitBytes() {
    return (long) (limit * max);
  }

  private static LongSupplier longLived() {
    return longLived(ManagementFactory.getMemoryPoolMXBeans());
  }

  /**
   * The old generation's current use; for collectors without one (ZGC and Shenandoah on JDK 17)
   * the heap's use right after the last collection: the whole heap's current use would count
   * garbage not collected yet and refuse ingest on a node with little live data.
   */
  static LongSupplier longLived(List<MemoryPoolMXBean> pools) {
    List<MemoryPoolMXBean> heap = pools.stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    List<MemoryPoolMXBean> old = heap.stream()
        .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).toList();
    if (!old.isEmpty()) {
      return () -> sum(old, MemoryPoolMXBean::getUsage);
    }
    return () -> sum(heap, p -> {
      MemoryUsage afterCollection = p.getCollectionUsage();
      return afterCollection != null ? afterCollection : p.getUsage();
    });
  }

  private static long sum(List<MemoryPoolMXBean> pools, Function<MemoryPoolMXBean, MemoryUsage> usage) {
    long sum = 0;
    for (MemoryPoolMXBean p : pools) {
      sum += usage.apply(p).getUsed();
    }
    return sum;
  }
}
