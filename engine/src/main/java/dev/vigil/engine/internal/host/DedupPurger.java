package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.spi.Journal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets event ids older than the dedup horizon on a daemon thread, so the dedup set stays
 * bounded by the ingest rate times the horizon. Failures are logged and retried next period.
 */
public final class DedupPurger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DedupPurger.class);

  private final Journal journal;
  private final Clock clock;
  private final Duration horizon;
  private final EngineMetrics metrics;
  private final ScheduledExecutorService scheduler;

  public DedupPurger(Journal journal, Clock clock, Duration horizon, EngineMetrics metrics, Duration period) {
    this.journal = journal;
    this.clock = clock;
    this.horizon = horizon;
    this.metrics = metrics;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-dedup-purge");
              t.setDaemon(true);
              return t;
            });
    long ms = period.toMillis();
    scheduler.scheduleWithFixedDelay(this::purgeNow, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Purges once, now; returns how many ids were forgotten (0 on failure). */
  public long purgeNow() {
    try {
      long n = journal.purgeDedup(clock.millis(), horizon.toMillis());
      metrics.dedupPurged(n);
      if (n > 0) {
        log.info("dedup purge removed {} event ids older than {}", n, horizon);
      }
      return n;
    } catch (RuntimeException e) {
      log.error("dedup purge failed", e);
      return 0;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
