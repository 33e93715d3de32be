package dev.vigil.engine.internal.host;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The event-time progress of one shard, decided at dispatch time (in journal order) rather than
 * on the shard thread, so whether an event is late depends only on what was admitted before it
 * (and on idle progress). {@code maxSeen} is the newest event time dispatched to the shard; the
 * watermark {@code W} only grows: {@code max(W, maxSeen - Lmax)} and, after {@code idleTimeout}
 * of processing time without events, {@code min(maxSeen - Lmax + idle, now - Lmax)}. Events before
 * {@code W} are released to the rules; see {@code docs/design/event-time.md}.
 *
 * <p>Every method requires the caller to hold {@link #lock()}: the dispatcher holds it while it
 * decides lateness and queues the delivery, the shard thread while it commits idle progress and
 * queues the advance, so the shard's queue sees deliveries and advances in commit order.
 */
final class Watermark {

  static final long NONE = Long.MIN_VALUE;
  /** How many idle timeouts refused batches hold idle progress back (bounded: a client may never come back). */
  static final int REFUSAL_HOLD = 6;

  private final ReentrantLock lock = new ReentrantLock();
  private final LatenessPolicy lateness;
  private final long idleTimeoutMillis;
  private long maxSeen = NONE;
  private long watermark = NONE;
  private long lastArrival;
  /**
   * The oldest event time of the batches refused since the last arrival ({@link #NONE}: none),
   * and the wall time of the first of them: idle progress stops there for a while.
   */
  private long refusedOldest = NONE;
  private long refusedSince;

  Watermark(LatenessPolicy lateness, long idleTimeoutMillis) {
    this.lateness = lateness;
    this.idleTimeoutMillis = idleTimeoutMillis;
  }

  ReentrantLock lock() {
    return lock;
  }

  /**
   * The time before which an event of {@code type} is late here: the watermark, or the newest
   * event time minus the type's own lateness when that is later. {@link #NONE} before any event.
   */
  long lateBound(String type) {
    if (maxSeen == NONE) {
      return watermark;
    }
    return Math.max(watermark, maxSeen - lateness.of(type));
  }

  /** Records an on-time event dispatched at wall time {@code now}; returns the new watermark. */
  long observe(long timestamp, long now) {
    maxSeen = Math.max(maxSeen, timestamp);
    lastArrival = now;
    refusedOldest = NONE;
    watermark = Math.max(watermark, maxSeen - lateness.max());
    return watermark;
  }

  /**
   * Records the oldest event time of a refused batch (429: queue full or heap guard) routed here,
   * among its events not already behind the watermark. {@code maxSeen} moves as if that event had
   * been admitted, so the watermark releases the buffered events older than {@code timestamp -
   * Lmax} (their permits are what a full queue waits for) while the batch, resent, is still on
   * time. Not an arrival: idle progress still starts an idle timeout after the last admitted
   * event (it is what moves time while nothing is admitted, e.g. to expire what a full heap
   * holds), but for {@link #REFUSAL_HOLD} idle timeouts after the first refusal it stops at the
   * oldest refused event, so a batch refused for longer than the idle timeout is not late when it
   * gets in.
   *
   * @return the new watermark, or {@link #NONE} when it did not move
   */
  long observeRefused(long timestamp, long now) {
    if (maxSeen == NONE) {
      lastArrival = now;
    }
    if (refusedOldest == NONE) {
      refusedOldest = timestamp;
      refusedSince = now;
    } else {
      refusedOldest = Math.min(refusedOldest, timestamp);
    }
    long before = watermark;
    maxSeen = Math.max(maxSeen, timestamp);
    watermark = Math.max(watermark, maxSeen - lateness.max());
    return watermark > before ? watermark : NONE;
  }

  /** Commits idle progress; returns the new watermark, or {@link #NONE} when it did not move. */
  long idleAdvance(long now) {
    long idle = now - lastArrival;
    if (maxSeen == NONE || idle < idleTimeoutMillis) {
      return NONE;
    }
    long max = lateness.max();
    long candidate = Math.min(maxSeen - max + idle, now - max);
    if (refusedOldest != NONE && now - refusedSince < REFUSAL_HOLD * idleTimeoutMillis) {
      candidate = Math.min(candidate, refusedOldest);
    }
    if (candidate <= watermark) {
      return NONE;
    }
    watermark = candidate;
    return watermark;
  }

  long current() {
    return watermark;
  }
}
