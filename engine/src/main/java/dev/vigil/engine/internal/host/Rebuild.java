package dev.vigil.engine.internal.host;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebuild part of a crash recovery (see {@code docs/design/durability.md}): journaled events
 * up to {@link #through()} (the applied checkpoint found at start) were fully processed before
 * the restart, so when they are replayed to rebuild window and pattern state their effects are
 * muted: matches update suppression but store no alert, statistics are not folded again. The
 * shard thread marks the work it does for such events with {@link #mute}; the alert publisher and
 * the statistics path ask {@link #muted()}. One instance per engine, shared by its shards.
 */
public final class Rebuild {
  private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private volatile long through;
  private final AtomicLong mutedMatches = new AtomicLong();

  /** No rebuild: nothing is muted. */
  public static Rebuild none() {
    return new Rebuild();
  }

  /** Events with a sequence up to {@code sequence} are replayed muted; set before the replay. */
  public void through(long sequence) {
    this.through = sequence;
  }

  public long through() {
    return through;
  }

  /** Whether the event with journal sequence {@code sequence} is replayed muted. */
  boolean covers(long sequence) {
    return sequence > 0 && sequence <= through;
  }

  /** Whether the current (shard) thread is doing muted work. */
  static boolean muted() {
    return MUTED.get();
  }

  /** Sets whether the current thread's work is muted; returns the previous setting. */
  static boolean mute(boolean muted) {
    boolean before = MUTED.get();
    MUTED.set(muted);
    return before;
  }

  void countMuted() {
    mutedMatches.incrementAndGet();
  }

  /** Matches raised while rebuilding (suppression updated, no alert stored). */
  public long mutedMatches() {
    return mutedMatches.get();
  }
}
