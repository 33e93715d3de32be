package dev.vigil.engine.internal.store;

/**
 * Group commit of the write-ahead log under {@code fsync} durability (docs/design/durability.md,
 * "Group commit"). Writers write without sync, note the database's sequence number right after
 * their write ({@link #mark}) and release their own locks; then they call {@link #syncThrough}.
 * One of the waiting callers fsyncs the WAL, which makes every write up to the sequence it read
 * before syncing durable; the others find themselves covered and return. While one fsync runs,
 * the next writers write and queue behind it, and the next fsync covers them all, so the fsync
 * is no longer inside the admission lock and concurrent batches share it.
 *
 * <p>A write is in the WAL file (written, not yet synced) once RocksDB publishes its sequence
 * number, and the WAL is one sequential log: syncing it also syncs every earlier write, whatever
 * its table. Under other durabilities {@link #syncThrough} returns at once.
 */
final class WalSync {

  private final Db db;
  private final boolean enabled;
  private final Object lock = new Object();
  /** Every write with a sequence number up to this one is durable. */
  private volatile long synced;
  /** An fsync is running (guarded by {@link #lock}). */
  private boolean syncing;
  /** fsyncs run so far and their total time (written by the one caller running an fsync). */
  private volatile long fsyncs;
  private volatile long fsyncNanos;

  WalSync(Db db, boolean enabled) {
    this.db = db;
    this.enabled = enabled;
  }

  /** The newest sequence number written so far: covers every write that returned before this call. */
  long mark() {
    return db.rocks.getLatestSequenceNumber();
  }

  /**
   * Returns once every write up to {@code sequence} is durable. Callers that arrive while an fsync
   * runs wait for it; when it ends, all of them wake at once: those it covered return, one of the
   * others runs the next fsync for all of them.
   */
  void syncThrough(long sequence) {
    if (!enabled || synced >= sequence) {
      return;
    }
    synchronized (lock) {
      while (syncing && synced < sequence) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the write-ahead log sync", e);
        }
      }
      if (synced >= sequence) {
        return;
      }
      syncing = true;
    }
    long covered = -1;
    try {
      covered = db.call("sync the write-ahead log", () -> {
        long upTo = mark();
        long start = System.nanoTime();
        db.rocks.syncWal();
        fsyncNanos += System.nanoTime() - start;
        fsyncs++;
        return upTo;
      });
    } finally {
      synchronized (lock) {
        if (covered > synced) {
          synced = covered;
        }
        syncing = false;
        lock.notifyAll();
      }
    }
  }

  /** How many fsyncs ran: fewer than callers when they shared them. */
  long fsyncs() {
    return fsyncs;
  }

  /** Time spent in those fsyncs, nanoseconds. */
  long fsyncNanos() {
    return fsyncNanos;
  }
}
