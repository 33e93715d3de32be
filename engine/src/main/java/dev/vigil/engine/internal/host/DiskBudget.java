package dev.vigil.engine.internal.host;

import dev.vigil.engine.spi.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's disk usage, sampled once a second (measuring it lists the data directory, too slow
 * for every batch), as the gauge {@code vigil.store.disk.bytes}, and whether it is over the
 * configured budget, in which case ingest refuses batches (507) until retention or the operator
 * freed space. A budget of 0 means no limit.
 */
public final class DiskBudget implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiskBudget.class);

  private final Storage storage;
  private final long maxBytes;
  private final ScheduledExecutorService timer;
  private volatile long used;
  private volatile boolean full;

  public DiskBudget(Storage storage, long maxBytes, MeterRegistry meters) {
    this.storage = storage;
    this.maxBytes = maxBytes;
    Gauge.builder("vigil.store.disk.bytes", this, DiskBudget::used).baseUnit("bytes")
        .description("Bytes of the store on disk (SST files and write-ahead log)").register(meters);
    Gauge.builder("vigil.store.disk.max", this, b -> b.maxBytes).baseUnit("bytes").register(meters);
    sample();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-disk-budget");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  /** Measures now. */
  public void sample() {
    try {
      used = storage.diskBytes();
    } catch (RuntimeException e) {
      return; // store closing
    }
    boolean over = maxBytes > 0 && used >= maxBytes;
    if (over != full) {
      log.warn(over ? "store uses {} bytes, at its budget of {}: refusing ingest" : "store uses {} bytes, below its"
          + " budget of {} again: ingest resumes", used, maxBytes);
    }
    full = over;
  }

  public long used() {
    return used;
  }

  /** Whether ingest must be refused. */
  public boolean full() {
    return full;
  }

  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
