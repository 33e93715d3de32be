package dev.vigil.engine.internal.store;

import dev.vigil.engine.Subscription;
import dev.vigil.engine.Subscriptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Subscriptions ({@code subscriptions} table), all loaded into memory on open: shard threads
 * match every new alert against them, which must not touch disk. Writes go to the store first,
 * then to the in-memory copy; deleting a subscription also deletes its deliveries. Every write
 * holds this object's monitor, so {@link #update} is an atomic read-modify-write.
 */
final class RocksSubscriptions implements Subscriptions {

  private final Db db;
  private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

  RocksSubscriptions(Db db) {
    this.db = db;
    db.call(
        "load subscriptions",
        () -> {
          try (RocksIterator it = db.rocks.newIterator(db.subscriptions)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              Subscription s = SubscriptionCodec.decode(it.value());
              byId.put(s.id(), s);
            }
            it.status();
          }
          return null;
        });
  }

  @Override
  public List<Subscription> list() {
    List<Subscription> all = new ArrayList<>(byId.values());
    all.sort(Comparator.comparingLong(Subscription::createdAt).thenComparing(Subscription::id));
    return all;
  }

  @Override
  public Optional<Subscription> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized void save(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    db.put("store a subscription", db.subscriptions, Keys.utf8(subscription.id()), SubscriptionCodec.encode(subscription));
    byId.put(subscription.id(), subscription);
  }

  @Override
  public synchronized Optional<Subscription> update(String id, UnaryOperator<Subscription> change) {
    Subscription current = byId.get(id);
    if (current == null) {
      return Optional.empty();
    }
    Subscription next = Objects.requireNonNull(change.apply(current), "changed subscription");
    if (!next.id().equals(id)) {
      throw new IllegalArgumentException("an update must not change the subscription id");
    }
    if (!next.equals(current)) {
      save(next);
    }
    return Optional.of(next);
  }

  @Override
  public synchronized boolean delete(String id) {
    if (!byId.containsKey(id)) {
      return false;
    }
    byte[] from = DeliveryCodec.prefix(id);
    byte[] to = from.clone();
    to[to.length - 1] = 1; // the separator 0x00 becomes 0x01: just past the subscription's range
    db.call(
        "delete a subscription",
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            batch.delete(db.subscriptions, Keys.utf8(id));
            batch.deleteRange(db.deliveries, from, to);
            batch.deleteRange(db.deliveriesOpen, from, to);
            db.write(batch);
          }
          return null;
        });
    byId.remove(id);
    return true;
  }
}
