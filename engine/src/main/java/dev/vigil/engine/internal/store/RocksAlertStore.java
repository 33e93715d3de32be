package dev.vigil.engine.internal.store;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertLifecycle;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.AlertStatus;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.spi.AlertStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.WriteBatch;

/**
 * Alerts by id ({@code alerts}) plus a time index ({@code alerts_by_time}, key = createdAt +
 * insertion sequence) for newest-first listing; see {@link AlertScan} for queries and their
 * per-query work bound. {@link #accept} is put-if-absent under a lock; the alert, its index entry
 * and the counters in {@code meta} are written in one batch, so the count restored on open always
 * matches the stored alerts. The webhook deliveries of a new alert go into the same batch (the
 * outbox), so a stored alert always has its deliveries. Lifecycle status lives in {@code
 * alert_status}, apart from the immutable alert record.
 */
final class RocksAlertStore implements AlertStore {

  static final byte[] COUNT_KEY = Keys.utf8("alerts.count");
  static final byte[] SEQUENCE_KEY = Keys.utf8("alerts.sequence");

  private final Db db;
  private final RocksDeliveries deliveries;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long count;
  private long sequence; // guarded by lock

  RocksAlertStore(Db db, RocksDeliveries deliveries) {
    this.db = db;
    this.deliveries = deliveries;
    this.count = readCounter(COUNT_KEY);
    this.sequence = readCounter(SEQUENCE_KEY);
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
    }
    return stored;
  }

  private boolean store(Alert alert, List<Delivery> outbox) {
    byte[] id = Keys.utf8(alert.alertId());
    byte[] record = AlertCodec.encode(alert);
    byte[] indexEntry = AlertCodec.encodeIndexEntry(alert);
    lock.lock();
    try {
      return db.call(
          "store an alert",
          () -> {
            if (db.rocks.get(db.alerts, id) != null) {
              return false;
            }
            long seq = sequence + 1;
            try (WriteBatch batch = new WriteBatch()) {
              batch.put(db.alerts, id, record);
              batch.put(db.alertsByTime, Keys.timeKey(alert.createdAt(), seq), indexEntry);
              batch.put(db.meta, SEQUENCE_KEY, Keys.longBytes(seq));
              batch.put(db.meta, COUNT_KEY, Keys.longBytes(count + 1));
              for (Delivery d : outbox) {
                deliveries.add(batch, d);
              }
              db.write(batch);
            }
            sequence = seq;
            count++;
            return true;
          });
    } finally {
      lock.unlock();
    }
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
