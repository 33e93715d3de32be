package dev.vigil.engine.internal.store;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.AlertStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.rocksdb.RocksIterator;

/**
 * One alert query: walks the time index backwards (newest first), filters on the fields the index
 * entry carries, then loads the page's alerts in one multi-get.
 *
 * <p>{@code until} and the cursor position the iterator directly; {@code since} ends the walk.
 * The walk is bounded: after {@link #MAX_SCAN} index entries a query returns what it has (maybe
 * nothing) with a cursor to continue from the last entry examined, so a selective filter over a
 * huge store costs several cheap requests instead of one unbounded one. Hence a page can hold
 * fewer than {@code limit} alerts while {@code nextCursor} is not null. A full page looks one
 * matching entry further, so the last page always has a null cursor.
 */
final class AlertScan {

  /** Index entries examined per query at most; 100k entries is tens of milliseconds of work. */
  static final int MAX_SCAN = 100_000;

  static final int MAX_LIMIT = 1000;

  private final AlertQuery query;
  private final int limit;
  private final List<byte[]> ids = new ArrayList<>();
  private byte[] lastReturned;
  private byte[] lastScanned;

  private AlertScan(AlertQuery query) {
    this.query = query;
    this.limit = Math.max(1, Math.min(MAX_LIMIT, query.limit()));
  }

  /** @throws IllegalArgumentException when the cursor is malformed */
  static AlertPage run(Db db, AlertQuery query) {
    return run(db, query, MAX_SCAN);
  }

  /** As {@link #run(Db, AlertQuery)} with an explicit bound, so tests can reach it with few alerts. */
  static AlertPage run(Db db, AlertQuery query, int maxScan) {
    Objects.requireNonNull(query, "query");
    if (maxScan < 1) {
      throw new IllegalArgumentException("maxScan must be positive");
    }
    byte[] after = query.cursor() == null ? null : Keys.timeKeyOf(query.cursor());
    return new AlertScan(query).scan(db, after, maxScan);
  }

  private AlertPage scan(Db db, byte[] after, int maxScan) {
    return db.call(
        "query alerts",
        () -> {
          boolean more = false;
          try (RocksIterator it = db.rocks.newIterator(db.alertsByTime)) {
            position(it, after);
            for (int scanned = 0; it.isValid(); it.prev()) {
              byte[] key = it.key();
              if (query.since() != null && Keys.createdAtOf(key) < query.since()) {
                break;
              }
              if (scanned++ == maxScan) {
                more = true;
                break;
              }
              lastScanned = key;
              AlertCodec.IndexEntry entry = AlertCodec.decodeIndexEntry(it.value());
              if (matches(entry) && hasStatus(db, entry)) {
                if (ids.size() == limit) {
                  more = true; // one more match exists: the page is not the last
                  break;
                }
                ids.add(Keys.utf8(entry.alertId()));
                lastReturned = key;
              }
            }
            it.status();
          }
          List<Alert> alerts = load(db);
          String next = more ? Keys.cursorOf(ids.size() == limit ? lastReturned : lastScanned) : null;
          return new AlertPage(alerts, next);
        });
  }

  /** Places the iterator on the newest entry strictly before the cursor and before {@code until}. */
  private void position(RocksIterator it, byte[] after) {
    // No entry has sequence 0, so timeKey(until, 0) sits strictly between createdAt < until and the rest.
    byte[] bound = query.until() == null ? null : Keys.timeKey(query.until(), 0);
    if (after != null && (bound == null || Arrays.compareUnsigned(after, bound) < 0)) {
      it.seekForPrev(after);
      if (it.isValid() && Arrays.equals(it.key(), after)) {
        it.prev();
      }
    } else if (bound != null) {
      it.seekForPrev(bound);
    } else {
      it.seekToLast();
    }
  }

  private boolean matches(AlertCodec.IndexEntry e) {
    return (query.ruleId() == null || query.ruleId().equals(e.ruleId()))
        && (query.severity() == null || query.severity().equals(e.severity()))
        && (query.entityKey() == null || query.entityKey().equals(e.entityKey()));
  }

  /** The status filter needs a point lookup per candidate: status is not in the time index. */
  private boolean hasStatus(Db db, AlertCodec.IndexEntry e) throws org.rocksdb.RocksDBException {
    if (query.status() == null) {
      return true;
    }
    byte[] v = db.rocks.get(db.alertStatus, Keys.utf8(e.alertId()));
    AlertStatus status = v == null ? AlertStatus.OPEN : DeliveryCodec.decodeLifecycle(v).status();
    return status == query.status();
  }

  private List<Alert> load(Db db) throws org.rocksdb.RocksDBException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<byte[]> values = db.rocks.multiGetAsList(Collections.nCopies(ids.size(), db.alerts), ids);
    List<Alert> alerts = new ArrayList<>(values.size());
    for (byte[] v : values) {
      if (v != null) { // index entries are written with their alert, so this holds unless deleted
        alerts.add(AlertCodec.decode(v));
      }
    }
    return alerts;
  }
}
