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

  private final ReentrantLock lock = new ReentrantLock();
  private final LatenessPolicy lateness;
  private final long idleTimeoutMillis;
  private long maxSeen = NONE;
  private long watermark = NONE;
  private long lastArrival;

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
    watermark = Math.max(watermark, maxSeen - lateness.max());
    return watermark;
  }

  /**
   * Records the oldest event time of a refused batch (429: queue full or heap guard) routed here: {@code maxSeen} moves
   * as if that event had been admitted, so the watermark releases the buffered events older than
   * {@code timestamp - Lmax} (their permits are what a full queue waits for) while the batch,
   * resent, is still on time. Not an arrival: idle progress still counts from the last admitted
   * event (a refusal that counted as activity would hold idle progress back, the only thing that
   * moves time while nothing is admitted).
   *
   * @return the new watermark, or {@link #NONE} when it did not move
   */
  long observeRefused(long timestamp, long now) {
    if (maxSeen == NONE) {
      lastArrival = now;
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
