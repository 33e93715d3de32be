package dev.vigil.engine.spi;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Event;
import dev.vigil.engine.StorageException;
import java.util.List;

/**
 * The durable log of accepted events and the event-id dedup set, written atomically together.
 */
public interface Journal {

  /**
   * Admits a batch: each event whose id was not seen within the dedup horizon (nor earlier in the
   * batch) is appended to the journal and its id recorded, in one atomic write. The write is
   * durable per the store's {@link dev.vigil.engine.Durability} once {@link #sync} has returned
   * after this call (not before: callers release their locks first, so that concurrent batches
   * share one fsync).
   *
   * @param nowMillis wall-clock now, for the dedup horizon
   * @param dedupHorizonMillis how long an event id is remembered
   * @return one admission per input event, in input order
   * @throws StorageException when the write failed; then nothing of the batch was written
   */
  List<Admission> admit(List<Event> events, long nowMillis, long dedupHorizonMillis);

  /**
   * Makes every admission that returned before this call durable per the store's durability, and
   * with them the store's other writes made before those admissions (one write-ahead log).
   * Concurrent callers share one fsync.
   *
   * @throws StorageException when the sync failed
   */
  void sync();

  /** fsyncs {@link #sync} ran so far (fewer than calls when callers shared them); 0 if it never syncs. */
  default long fsyncs() {
    return 0;
  }

  /** Total time of those fsyncs, nanoseconds. */
  default long fsyncNanos() {
    return 0;
  }

  /** Sequence number of the last appended event, 0 when empty. */
  long lastSequence();

  /** Deletes dedup entries older than the horizon; returns how many were removed. */
  long purgeDedup(long nowMillis, long dedupHorizonMillis);

  /**
   * Up to {@code max} journaled events with a sequence number above {@code afterSequence}, in
   * sequence order. Accepted events get consecutive sequence numbers in admission order.
   */
  List<Entry> read(long afterSequence, int max);

  /** The applied checkpoint: every event with a sequence up to it was fully processed. 0 when none. */
  long appliedSequence();

  /**
   * Records the applied checkpoint durably, with the newest event time dispatched when it was
   * taken (an upper bound of the timestamps of every event up to {@code sequence}), in the
   * checkpoint history; a lower value than the stored one is ignored.
   */
  void markApplied(long sequence, long newestEventTime);

  /**
   * Where a recovery must start replaying so that every event of the last {@code horizonMillis}
   * of event time is replayed: the newest checkpoint in the history whose newest event time lies
   * more than the horizon before the newest recorded one (every event at or below it is older
   * than that), else 0 (replay from the first retained event). At most the applied checkpoint.
   */
  long rebuildStart(long horizonMillis);

  /**
   * Deletes the journal entries and checkpoint-history entries at or below {@code sequence}
   * (never above the applied checkpoint); returns how many journal entries were removed.
   */
  long truncateThrough(long sequence);

  /** Sequence of the oldest retained journal entry minus one (0 when nothing was truncated). */
  long truncatedThrough();

  /** One journaled event and its sequence number. */
  record Entry(long sequence, Event event) {}
}
