package dev.vigil.engine.internal.store;

import dev.vigil.engine.LateEvent;
import dev.vigil.engine.LateEventPage;
import dev.vigil.engine.LateEventQuery;
import dev.vigil.engine.spi.LateEventStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The late-events log in column family {@code late_events}, keyed by journal sequence (so the
 * entries are in admission order and a replay re-records idempotently), with its entry count in
 * {@code meta}. Writes and pruning run under one lock, in one batch each. Queries walk newest
 * first, filter by type, stop at {@code since} (arrival times follow sequence order up to wall
 * clock adjustments) and examine at most {@link #MAX_SCAN} entries per page.
 */
final class RocksLateEventStore implements LateEventStore {

  static final byte[] COUNT_KEY = Keys.utf8("late_events.count");
  static final int MAX_SCAN = 100_000;
  static final int MAX_LIMIT = 1000;

  private final Db db;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long count;

  RocksLateEventStore(Db db) {
    this.db = db;
    byte[] value = db.get("read the late-event count", db.meta, COUNT_KEY);
    this.count = value == null ? 0 : Keys.longOf(value);
  }

  @Override
  public List<LateEvent> record(List<LateEvent> entries, long nowMillis, int maxEntries, long retentionMillis) {
    lock.lock();
    try {
      return db.call(
          "record late events",
          () -> {
            List<LateEvent> added = new ArrayList<>();
            try (WriteBatch batch = new WriteBatch()) {
              for (LateEvent e : entries) {
                byte[] key = Keys.longBytes(e.sequence());
                if (db.rocks.get(db.lateEvents, key) == null) {
                  batch.put(db.lateEvents, key, LateEventCodec.encode(e));
                  added.add(e);
                }
              }
              long total = count + added.size();
              batch.put(db.meta, COUNT_KEY, Keys.longBytes(total));
              db.writeUnsynced(batch);
              count = total;
            }
            prune(nowMillis - retentionMillis, maxEntries);
            return added;
          });
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the oldest entries while there are too many or they arrived before {@code cutoff}. */
  private void prune(long cutoff, int maxEntries) throws RocksDBException {
    long remaining = count;
    try (WriteBatch batch = new WriteBatch();
        RocksIterator it = db.rocks.newIterator(db.lateEvents)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (remaining <= maxEntries && LateEventCodec.arrivedAt(it.value()) >= cutoff) {
          break;
        }
        batch.delete(db.lateEvents, it.key());
        remaining--;
      }
      it.status();
      if (remaining != count) {
        batch.put(db.meta, COUNT_KEY, Keys.longBytes(remaining));
        db.writeUnsynced(batch);
        count = remaining;
      }
    }
  }

  @Override
  public LateEventPage query(LateEventQuery query) {
    int limit = Math.max(1, Math.min(MAX_LIMIT, query.limit()));
    byte[] after = query.cursor() == null ? null : keyOf(query.cursor());
    return db.call(
        "query late events",
        () -> {
          List<LateEvent> page = new ArrayList<>();
          byte[] resumeKey = null;
          byte[] lastExamined = null;
          try (RocksIterator it = db.rocks.newIterator(db.lateEvents)) {
            if (after == null) {
              it.seekToLast();
            } else {
              it.seekForPrev(after);
              if (it.isValid() && java.util.Arrays.equals(it.key(), after)) {
                it.prev();
              }
            }
            for (int scanned = 0; it.isValid(); it.prev(), scanned++) {
              byte[] value = it.value();
              if (query.since() != null && LateEventCodec.arrivedAt(value) < query.since()) {
                break;
              }
              if (scanned == MAX_SCAN || page.size() == limit) {
                // A full page resumes after its last entry; a cut-short scan after the last examined.
                resumeKey = page.size() == limit ? Keys.longBytes(page.get(limit - 1).sequence()) : lastExamined;
                break;
              }
              lastExamined = it.key();
              LateEvent e = LateEventCodec.decode(Keys.longOf(lastExamined), value);
              if (query.type() == null || query.type().equals(e.event().type())) {
                page.add(e);
              }
            }
            it.status();
          }
          return new LateEventPage(page, resumeKey == null ? null : cursorOf(resumeKey));
        });
  }

  @Override
  public long count() {
    return count;
  }

  private static String cursorOf(byte[] key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  private static byte[] keyOf(String cursor) {
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor: not URL-safe base64", e);
    }
    if (key.length != Long.BYTES) {
      throw new IllegalArgumentException("malformed cursor: wrong length");
    }
    return key;
  }
}
