package dev.vigil.engine.internal.store;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.Journal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The event journal and the event-id dedup set. Admission runs under one lock so that the "seen
 * before?" check and the write of a batch cannot interleave with another batch: two threads
 * submitting the same id concurrently admit it exactly once. Each batch is one RocksDB write
 * batch (journal entries, dedup entries), so it lands atomically or not at all, and the next
 * sequence number is only taken once the write succeeded. The write is not synced under the lock:
 * {@link #sync} makes it durable afterwards, one fsync for all the batches written meanwhile
 * ({@link WalSync}).
 *
 * <p>An id is a duplicate while {@code now - firstSeen < horizon}. Expired dedup entries are
 * overwritten on the next admission of the same id and removed by {@link #purgeDedup}.
 */
final class RocksJournal implements Journal {

  /** Dedup entries examined per lock hold in {@link #purgeDedup}, so purging never stalls ingest long. */
  private static final int PURGE_CHUNK = 10_000;

  /** Meta key of the applied checkpoint (see {@link Journal#appliedSequence()}). */
  private static final byte[] APPLIED_KEY = Keys.utf8("journal.applied");

  /** Meta key of the highest truncated sequence (see {@link Journal#truncateThrough}). */
  private static final byte[] TRUNCATED_KEY = Keys.utf8("journal.truncated");

  private final Db db;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long lastSequence;
  /** The WAL position after the last admission (see {@link #sync}). */
  private volatile long written;

  RocksJournal(Db db) {
    this.db = db;
    this.lastSequence = recoverLastSequence();
  }

  private long recoverLastSequence() {
    return db.call(
        "recover the journal sequence",
        () -> {
          try (RocksIterator it = db.rocks.newIterator(db.journal)) {
            it.seekToLast();
            it.status();
            // An emptied (fully truncated) journal goes on after its truncation point, so a
            // sequence (which qualifies statistics marks and late-log keys) is never reused.
            return Math.max(it.isValid() ? Keys.longOf(it.key()) : 0L, truncatedThrough());
          }
        });
  }

  @Override
  public List<Admission> admit(List<Event> events, long nowMillis, long dedupHorizonMillis) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<byte[]> ids = new ArrayList<>(events.size());
    List<byte[]> records = new ArrayList<>(events.size());
    for (Event e : events) {
      ids.add(Keys.utf8(e.id()));
      records.add(EventCodec.encode(e));
    }
    byte[] seenAt = Keys.longBytes(nowMillis);
    lock.lock();
    try {
      return db.call(
          "append events to the journal",
          () -> {
            List<byte[]> stored = db.rocks.multiGetAsList(Collections.nCopies(ids.size(), db.dedup), ids);
            Set<String> inBatch = new HashSet<>();
            List<Admission> result = new ArrayList<>(events.size());
            long seq = lastSequence;
            try (WriteBatch batch = new WriteBatch()) {
              for (int i = 0; i < events.size(); i++) {
                boolean duplicate =
                    !inBatch.add(events.get(i).id()) || seenWithin(stored.get(i), nowMillis, dedupHorizonMillis);
                if (duplicate) {
                  result.add(Admission.DUPLICATE);
                  continue;
                }
                seq++;
                batch.put(db.journal, Keys.longBytes(seq), records.get(i));
                batch.put(db.dedup, ids.get(i), seenAt);
                result.add(Admission.ACCEPTED);
              }
              if (seq != lastSequence) {
                db.writeUnsynced(batch);
                lastSequence = seq;
              }
            }
            // Also covers the original write of an id found duplicate here, and whatever the
            // caller wrote before (the decision log): sync() makes them durable with this batch.
            written = db.walSync.mark();
            return result;
          });
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void sync() {
    db.walSync.syncThrough(written);
  }

  @Override
  public long fsyncs() {
    return db.walSync.fsyncs();
  }

  @Override
  public long fsyncNanos() {
    return db.walSync.fsyncNanos();
  }

  private static boolean seenWithin(byte[] firstSeen, long nowMillis, long horizonMillis) {
    return firstSeen != null && nowMillis - Keys.longOf(firstSeen) < horizonMillis;
  }

  @Override
  public long lastSequence() {
    return lastSequence;
  }

  @Override
  public long purgeDedup(long nowMillis, long dedupHorizonMillis) {
    long removed = 0;
    byte[] from = null;
    do {
      lock.lock();
      try {
        PurgeChunk chunk = purgeChunk(from, nowMillis, dedupHorizonMillis);
        removed += chunk.removed();
        from = chunk.next();
      } finally {
        lock.unlock();
      }
    } while (from != null);
    return removed;
  }

  private record PurgeChunk(long removed, byte[] next) {}

  /** One chunk, starting at {@code from} (or the first key); the iterator is made under the lock. */
  private PurgeChunk purgeChunk(byte[] from, long nowMillis, long horizonMillis) {
    return db.call(
        "purge the dedup set",
        () -> {
          long removed = 0;
          try (RocksIterator it = db.rocks.newIterator(db.dedup);
              WriteBatch batch = new WriteBatch()) {
            if (from == null) {
              it.seekToFirst();
            } else {
              it.seek(from);
            }
            for (int n = 0; n < PURGE_CHUNK && it.isValid(); n++, it.next()) {
              if (nowMillis - Keys.longOf(it.value()) >= horizonMillis) {
                batch.delete(db.dedup, it.key());
                removed++;
              }
            }
            it.status();
            byte[] next = it.isValid() ? it.key() : null;
            if (removed > 0) {
              db.write(batch);
            }
            return new PurgeChunk(removed, next);
          }
        });
  }

  @Override
  public List<Entry> read(long afterSequence, int max) {
    return db.call(
        "read the journal",
        () -> {
          List<Entry> entries = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(db.journal)) {
            for (it.seek(Keys.longBytes(afterSequence + 1)); it.isValid() && entries.size() < max; it.next()) {
              entries.add(new Entry(Keys.longOf(it.key()), EventCodec.decode(it.value())));
            }
            it.status();
          }
          return entries;
        });
  }

  @Override
  public long appliedSequence() {
    byte[] v = db.get("read the applied checkpoint", db.meta, APPLIED_KEY);
    return v == null ? 0L : Keys.longOf(v);
  }

  @Override
  public synchronized void markApplied(long sequence, long newestEventTime) {
    if (sequence > appliedSequence()) {
      db.call("write the applied checkpoint", () -> {
        try (WriteBatch batch = new WriteBatch()) {
          batch.put(db.meta, APPLIED_KEY, Keys.longBytes(sequence));
          batch.put(db.checkpoints, Keys.longBytes(sequence), Keys.longBytes(newestEventTime));
          db.writeUnsynced(batch);
        }
        return null;
      });
    }
  }

  @Override
  public long rebuildStart(long horizonMillis) {
    return db.call("read the checkpoint history", () -> {
      try (RocksIterator it = db.rocks.newIterator(db.checkpoints)) {
        it.seekToLast();
        if (!it.isValid()) {
          it.status();
          return truncatedThrough();
        }
        long newest = Keys.longOf(it.value());
        long cutoff = newest - horizonMillis;
        for (; it.isValid(); it.prev()) {
          if (Keys.longOf(it.value()) < cutoff) {
            return Math.max(Keys.longOf(it.key()), truncatedThrough());
          }
        }
        it.status();
        return truncatedThrough();
      }
    });
  }

  @Override
  public long truncateThrough(long sequence) {
    long upTo = Math.min(sequence, appliedSequence());
    long from = truncatedThrough();
    if (upTo <= from) {
      return 0;
    }
    return db.call("truncate the journal", () -> {
      try (WriteBatch batch = new WriteBatch()) {
        byte[] end = Keys.longBytes(upTo + 1);
        batch.deleteRange(db.journal, Keys.longBytes(0), end);
        batch.deleteRange(db.checkpoints, Keys.longBytes(0), Keys.longBytes(upTo));
        batch.put(db.meta, TRUNCATED_KEY, Keys.longBytes(upTo));
        db.writeUnsynced(batch);
      }
      return upTo - from;
    });
  }

  @Override
  public long truncatedThrough() {
    byte[] v = db.get("read the journal start", db.meta, TRUNCATED_KEY);
    return v == null ? 0L : Keys.longOf(v);
  }

}
