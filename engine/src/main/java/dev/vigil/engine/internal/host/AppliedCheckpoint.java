package dev.vigil.engine.internal.host;

import dev.vigil.engine.spi.Journal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * <p>Events are registered in sequence order before they are dispatched, by one thread at a time
 * (the admission lock). They are kept in blocks of {@link #BLOCK} consecutive sequences, one bit
 * per sequence in flight: registering sets it, completion clears it, so nothing is looked up per
 * event (a {@code ConcurrentSkipListSet} of the sequences in flight, ~150 000 of them on P5, was
 * ~3 % of the process's CPU: docs/performance.md, tenth pass). When no block has a bit set, every
 * registered event is done; otherwise everything before the first set bit is.
 */
public final class AppliedCheckpoint implements AutoCloseable {
  static final int BLOCK = 1024;
  private static final Logger log = LoggerFactory.getLogger(AppliedCheckpoint.class);

  private final Journal journal;

  /** The blocks with events registered, oldest first; done ones leave from the front in {@link #current}. */
  private final ConcurrentLinkedQueue<Block> blocks = new ConcurrentLinkedQueue<>();
  /** The block of the newest registered sequence; only the registering thread uses it. */
  private Block open;
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
   * Registers an event about to be dispatched; callers register in ascending sequence order, one
   * at a time. The newest event time registered goes into the checkpoint history (see {@link
   * Journal#markApplied(long, long)}). Returns what to run once the event is processed.
   */
  public Runnable register(long sequence, long eventTime) {
    if (eventTime > newestEventTime) {
      newestEventTime = eventTime; // before the sequence is visible to current()
    }
    Block block = open;
    if (block == null || sequence - block.first >= BLOCK) {
      block = new Block(sequence);
      blocks.add(block);
      open = block;
    }
    int offset = (int) (sequence - block.first);
    block.set(offset);
    highestRegistered = sequence;
    Block registered = block;
    return () -> registered.clear(offset);
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

  /**
   * Every registered event with a sequence up to the returned one is processed. Only sequences up
   * to the highest registered when the call began count: every bit of those is set by then.
   */
  public long current() {
    long highest = highestRegistered; // first: every sequence up to it has its bit set by now
    Iterator<Block> it = blocks.iterator();
    Block b = it.hasNext() ? it.next() : null;
    while (b != null) {
      int inFlight = b.firstInFlight();
      if (inFlight >= 0) {
        // Bits past `highest` are not reliable: the scan of earlier words may have run before the
        // registering thread set theirs, so a set bit found further on does not bound them.
        return Math.min(highest, b.first + inFlight - 1);
      }
      Block next = it.hasNext() ? it.next() : null;
      if (next == null) {
        break; // the open block, with nothing in flight
      }
      // A later block exists, so registering moved on (after setting b's bits: we see them) and
      // nothing is added to b any more: done for good.
      blocks.remove(b);
      b = next;
    }
    return highest;
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

  /**
   * Sequences {@code first} (the first registered in it) to {@code first + BLOCK - 1}: bit {@code
   * i} is set while {@code first + i} is in flight.
   */
  private static final class Block {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    final long first;
    private final long[] inFlight = new long[BLOCK / 64];

    Block(long first) {
      this.first = first;
    }

    void set(int i) {
      WORDS.getAndBitwiseOr(inFlight, i >>> 6, 1L << i);
    }

    void clear(int i) {
      WORDS.getAndBitwiseAnd(inFlight, i >>> 6, ~(1L << i));
    }

    /** The offset of the first sequence in flight, or -1. */
    int firstInFlight() {
      for (int w = 0; w < inFlight.length; w++) {
        long bits = (long) WORDS.getVolatile(inFlight, w);
        if (bits != 0) {
          return (w << 6) + Long.numberOfTrailingZeros(bits);
        }
      }
      return -1;
    }
  }
}
