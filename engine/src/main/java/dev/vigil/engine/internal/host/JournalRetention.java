package dev.vigil.engine.internal.host;

import dev.vigil.engine.spi.Journal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the journal entries no restart needs any more: those before the rebuild start a
 * recovery would use now (the applied checkpoint minus the recovery horizon, see {@code
 * docs/design/durability.md}), once a period in a daemon thread. Publishes the journal's size and
 * lag: {@code vigil.journal.entries} (retained events), {@code vigil.journal.lag} (accepted but not
 * yet applied), {@code vigil.journal.truncated} (events deleted).
 */
public final class JournalRetention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);

  private final Journal journal;
  private final long horizonMillis;
  private final ScheduledExecutorService timer;
  private final Counter truncated;

  public JournalRetention(Journal journal, Duration horizon, Duration period, MeterRegistry meters) {
    this.journal = journal;
    this.horizonMillis = horizon.toMillis();
    Gauge.builder("vigil.journal.entries", journal, j -> j.lastSequence() - j.truncatedThrough())
        .description("Journaled events retained").register(meters);
    Gauge.builder("vigil.journal.lag", journal, j -> j.lastSequence() - j.appliedSequence())
        .description("Journaled events not yet fully processed").register(meters);
    this.truncated = Counter.builder("vigil.journal.truncated").register(meters);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-journal-retention");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::truncateQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Truncates now; returns how many journal entries were deleted. */
  public long truncateNow() {
    long removed = journal.truncateThrough(journal.rebuildStart(horizonMillis));
    if (removed > 0) {
      truncated.increment(removed);
      log.info("journal retention: deleted {} entries, journal now starts after sequence {}",
          removed, journal.truncatedThrough());
    }
    return removed;
  }

  private void truncateQuietly() {
    try {
      truncateNow();
    } catch (RuntimeException e) {
      log.warn("journal retention failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
