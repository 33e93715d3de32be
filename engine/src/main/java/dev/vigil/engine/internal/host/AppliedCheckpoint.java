package dev.vigil.engine.internal.host;

import dev.vigil.engine.spi.Journal;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks which journaled events are fully processed and records the highest sequence below
 * which everything is done (the applied checkpoint) in the journal, once a second and on close.
 * On start the engine replays the journal after the checkpoint, so an event accepted with a 2xx
 * is evaluated by the rules even when the process died before its shards got to it.
 *
 * <p>Events are registered in sequence order before they are dispatched; so when the in-flight
 * set is empty every registered event is done, and otherwise everything below its smallest
 * member is.
 */
public final class AppliedCheckpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppliedCheckpoint.class);

  private final Journal journal;
  private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
  private final ScheduledExecutorService timer;
  private volatile long highestRegistered;
  private volatile long lastWritten;
  private volatile long newestEventTime = Long.MIN_VALUE;

  public AppliedCheckpoint(Journal journal, long periodMillis) {
    this.journal = journal;
    this.highestRegistered = journal.appliedSequence();
    this.lastWritten = highestRegistered;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-checkpoint");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::flushQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Registers an event about to be dispatched; callers register in ascending sequence order. The
   * newest event time registered goes into the checkpoint history (see {@link
   * Journal#markApplied(long, long)}).
   */
  public void register(long sequence, long eventTime) {
    if (eventTime > newestEventTime) {
      newestEventTime = eventTime; // before the sequence is visible to current()
    }
    inFlight.add(sequence);
    highestRegistered = sequence;
  }

  /**
   * Notes the time of an event replayed from before this start (a rebuild), so the checkpoint
   * history keeps covering it.
   */
  public void observe(long eventTime) {
    if (eventTime > newestEventTime) {
      newestEventTime = eventTime;
    }
  }

  /** The callback for {@link ShardPool#dispatch(dev.vigil.engine.Event, Runnable)}. */
  public Runnable completion(long sequence) {
    return () -> inFlight.remove(sequence);
  }

  /** Every registered event with a sequence up to the returned one is processed. */
  public long current() {
    long highest = highestRegistered;
    Long first = inFlight.isEmpty() ? null : inFlight.first();
    return first == null ? highest : first - 1;
  }

  /** The checkpoint last written to the journal (what a restart replays after). */
  public long written() {
    return lastWritten;
  }

  /** Writes the checkpoint when it moved. */
  public synchronized void flush() {
    long cp = current();
    long newest = newestEventTime; // read after current(): covers every event up to cp
    if (cp > lastWritten) {
      journal.markApplied(cp, newest);
      lastWritten = cp;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("could not write the applied checkpoint", e);
    }
  }

  /** Stops the timer and writes the checkpoint one last time. */
  @Override
  public void close() {
    timer.shutdownNow();
    flushQuietly();
  }
}
