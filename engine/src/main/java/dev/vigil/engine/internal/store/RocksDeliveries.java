package dev.vigil.engine.internal.store;

import dev.vigil.engine.Deliveries;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery outbox: {@code deliveries} holds every delivery, {@code deliveries_open} the keys
 * of those not yet delivered or failed, kept in step in the same write batch so a restart finds
 * the unfinished work without scanning the whole history.
 */
final class RocksDeliveries implements Deliveries {

  private static final Logger log = LoggerFactory.getLogger(RocksDeliveries.class);
  private static final byte[] EMPTY = new byte[0];

  private final Db db;
  private volatile Consumer<List<Delivery>> listener = d -> {};

  RocksDeliveries(Db db) {
    this.db = db;
  }

  /** Adds {@code d} to {@code batch}, keeping the open index in step. */
  void add(WriteBatch batch, Delivery d) throws RocksDBException {
    byte[] key = DeliveryCodec.key(d.subscriptionId(), d.alertId());
    batch.put(db.deliveries, key, DeliveryCodec.encode(d));
    if (d.state().terminal()) {
      batch.delete(db.deliveriesOpen, key);
    } else {
      batch.put(db.deliveriesOpen, key, EMPTY);
    }
  }

  /** Tells the listener about deliveries just written with their alert; never throws. */
  void created(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return;
    }
    try {
      listener.accept(deliveries);
    } catch (RuntimeException e) {
      log.warn("delivery listener failed; the deliveries are picked up by the next rescan", e);
    }
  }

  @Override
  public void listener(Consumer<List<Delivery>> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Optional<Delivery> get(String subscriptionId, String alertId) {
    byte[] v = db.get("read a delivery", db.deliveries, DeliveryCodec.key(subscriptionId, alertId));
    return Optional.ofNullable(v).map(DeliveryCodec::decode);
  }

  @Override
  public void put(Delivery delivery) {
    db.call(
        "store a delivery",
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            add(batch, delivery);
            db.write(batch);
          }
          return null;
        });
  }

  @Override
  public List<Delivery> list(String subscriptionId, DeliveryState state, String afterAlertId, int limit) {
    byte[] prefix = DeliveryCodec.prefix(subscriptionId);
    int max = Math.max(1, Math.min(1000, limit));
    return db.call(
        "list deliveries",
        () -> {
          List<Delivery> out = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(db.deliveries)) {
            if (afterAlertId == null) {
              it.seek(prefix);
            } else {
              byte[] after = DeliveryCodec.key(subscriptionId, afterAlertId);
              it.seek(after);
              if (it.isValid() && Arrays.equals(it.key(), after)) {
                it.next();
              }
            }
            for (; it.isValid() && out.size() < max && startsWith(it.key(), prefix); it.next()) {
              Delivery d = DeliveryCodec.decode(it.value());
              if (state == null || d.state() == state) {
                out.add(d);
              }
            }
            it.status();
          }
          return out;
        });
  }

  @Override
  public List<Delivery> open() {
    return db.call(
        "list open deliveries",
        () -> {
          List<byte[]> keys = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(db.deliveriesOpen)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              keys.add(it.key());
            }
            it.status();
          }
          List<Delivery> out = new ArrayList<>(keys.size());
          for (byte[] key : keys) {
            byte[] v = db.rocks.get(db.deliveries, key);
            if (v != null) {
              out.add(DeliveryCodec.decode(v));
            }
          }
          return out;
        });
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
