package dev.vigil.engine.internal.store;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertLifecycle;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.AlertStatus;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.StoredAlert;
import dev.vigil.engine.spi.AlertStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Alerts by id ({@code alerts}) plus a time index ({@code alerts_by_time}, key = createdAt +
 * insertion sequence) for newest-first listing; see {@link AlertScan} for queries and their
 * per-query work bound. {@link #accept} is put-if-absent under a lock; the alert, its index entry
 * and the counters in {@code meta} are written in one batch, so the count restored on open always
 * matches the stored alerts. The webhook deliveries of a new alert go into the same batch (the
 * outbox), so a stored alert always has its deliveries. Lifecycle status lives in {@code
 * alert_status}, apart from the immutable alert record.
 *
 * <p>The time index only grows at its end: under the lock a new alert's {@code createdAt} is
 * raised to the newest stored one when the clock stepped back or another shard stamped its alert
 * earlier but stored it later (a difference of milliseconds). So a reader that continues {@link
 * #after} the last key it saw never misses an alert (the live tail and the file sink rely on it).
 * The same batch records the alert's match time as the last one of its rule and entity ({@code
 * alerts_last}): suppression reads it after a restart.
 */
final class RocksAlertStore implements AlertStore {

  static final byte[] COUNT_KEY = Keys.utf8("alerts.count");
  static final byte[] SEQUENCE_KEY = Keys.utf8("alerts.sequence");

  private final Db db;
  private final RocksDeliveries deliveries;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long count;
  private long sequence; // guarded by lock
  private long lastCreatedAt; // guarded by lock
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  RocksAlertStore(Db db, RocksDeliveries deliveries) {
    this.db = db;
    this.deliveries = deliveries;
    this.count = readCounter(COUNT_KEY);
    this.sequence = readCounter(SEQUENCE_KEY);
    this.lastCreatedAt = AlertTail.lastCreatedAt(db);
  }

  private long readCounter(byte[] key) {
    byte[] value = db.get("read the alert counters", db.meta, key);
    return value == null ? 0 : Keys.longOf(value);
  }

  @Override
  public boolean accept(Alert alert, List<Delivery> outbox) {
    Objects.requireNonNull(alert, "alert");
    boolean stored = store(alert, outbox);
    if (stored) {
      deliveries.created(outbox);
      for (Runnable listener : listeners) {
        listener.run();
      }
    }
    return stored;
  }

  private boolean store(Alert given, List<Delivery> outbox) {
    byte[] id = Keys.utf8(given.alertId());
    byte[] last = Keys.longBytes(given.matchTime());
    lock.lock();
    try {
      return db.call(
          "store an alert",
          () -> {
            if (db.rocks.get(db.alerts, id) != null) {
              return false;
            }
            long seq = sequence + 1;
            Alert alert = given.createdAt() >= lastCreatedAt ? given : withCreatedAt(given, lastCreatedAt);
            try (WriteBatch batch = new WriteBatch()) {
              batch.put(db.alerts, id, AlertCodec.encode(alert));
              batch.put(db.alertsByTime, Keys.timeKey(alert.createdAt(), seq), AlertCodec.encodeIndexEntry(alert));
              batch.put(db.alertsLast, lastKey(alert.ruleId(), alert.entity()), last);
              batch.put(db.meta, SEQUENCE_KEY, Keys.longBytes(seq));
              batch.put(db.meta, COUNT_KEY, Keys.longBytes(count + 1));
              for (Delivery d : outbox) {
                deliveries.add(batch, d);
              }
              // Alerts are regenerated from the journal after a crash; an alert with deliveries
              // is synced, since a subscriber may be told about it before the next journal sync.
              if (outbox.isEmpty()) {
                db.writeUnsynced(batch);
              } else {
                db.write(batch);
              }
            }
            sequence = seq;
            lastCreatedAt = alert.createdAt();
            count++;
            return true;
          });
    } finally {
      lock.unlock();
    }
  }

  private static Alert withCreatedAt(Alert a, long createdAt) {
    return new Alert(a.alertId(), a.ruleId(), a.ruleVersion(), a.severity(), a.entity(), a.windowStart(),
        a.windowEnd(), a.matchTime(), a.eventIds(), a.message(), createdAt);
  }

  private static byte[] lastKey(String ruleId, EntityRef entity) {
    return Keys.utf8(ruleId + '\u0000' + entity.type() + '\u0000' + entity.key());
  }

  @Override
  public OptionalLong lastMatchTime(String ruleId, EntityRef entity) {
    byte[] value = db.get("read the last alert of a rule and entity", db.alertsLast, lastKey(ruleId, entity));
    return value == null ? OptionalLong.empty() : OptionalLong.of(Keys.longOf(value));
  }

  @Override
  public List<StoredAlert> after(String cursor, int limit) {
    return AlertTail.after(db, cursor, limit);
  }

  @Override
  public String lastCursor() {
    return AlertTail.lastCursor(db);
  }

  @Override
  public void onStored(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public Optional<Alert> get(String alertId) {
    byte[] value = db.get("read an alert", db.alerts, Keys.utf8(alertId));
    return Optional.ofNullable(value).map(AlertCodec::decode);
  }

  @Override
  public AlertLifecycle lifecycle(String alertId) {
    byte[] value = db.get("read an alert status", db.alertStatus, Keys.utf8(alertId));
    return value == null ? AlertLifecycle.open(alertId) : DeliveryCodec.decodeLifecycle(value);
  }

  @Override
  public Optional<AlertLifecycle> transition(String alertId, AlertStatus next, String by, long at) {
    lock.lock();
    try {
      if (db.get("read an alert", db.alerts, Keys.utf8(alertId)) == null) {
        return Optional.empty();
      }
      AlertLifecycle moved = lifecycle(alertId).moveTo(next, by, at);
      db.put("store an alert status", db.alertStatus, Keys.utf8(alertId), DeliveryCodec.encode(moved));
      return Optional.of(moved);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AlertPage query(AlertQuery query) {
    return AlertScan.run(db, query);
  }

  /** {@link #query} with a smaller scan bound, for tests of the bound. */
  AlertPage query(AlertQuery query, int maxScan) {
    return AlertScan.run(db, query, maxScan);
  }

  @Override
  public long count() {
    return count;
  }
}
