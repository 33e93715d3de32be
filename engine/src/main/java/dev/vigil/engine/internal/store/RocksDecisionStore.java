package dev.vigil.engine.internal.store;

import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.spi.DecisionStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The decision log: decisions by event id ({@code decisions}) plus a time index
 * ({@code decisions_by_time}, key = (Long.MAX_VALUE - decidedAt) big-endian + event id, so a
 * forward scan is newest first). {@link #putIfAbsent} is atomic per event id (striped locks; both
 * records and the decision's webhook deliveries in one write batch: the outbox);
 * {@link #putAllIfAbsent} writes a whole group commit's decisions in one write batch, holding the
 * stripes of all its event ids (taken in index order, so two groups cannot deadlock).
 */
final class RocksDecisionStore implements DecisionStore {

  private static final int STRIPES = 64;

  private final Db db;
  private final RocksDeliveries deliveries;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  RocksDecisionStore(Db db, RocksDeliveries deliveries) {
    this.db = db;
    this.deliveries = deliveries;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  @Override
  public Decision putIfAbsent(Decision d, List<Delivery> outbox) {
    return putAllIfAbsent(List.of(new Entry(d, outbox))).get(0);
  }

  @Override
  public List<Decision> putAllIfAbsent(List<Entry> entries) {
    TreeSet<Integer> stripes = new TreeSet<>();
    for (Entry e : entries) {
      stripes.add(stripe(e.decision().eventId()));
    }
    for (int i : stripes) {
      locks[i].lock();
    }
    List<Decision> kept = new ArrayList<>(entries.size());
    List<Delivery> created = new ArrayList<>();
    try {
      Map<String, Decision> written = new HashMap<>();
      db.call("store a decision", () -> {
        try (WriteBatch batch = new WriteBatch()) {
          for (Entry e : entries) {
            Decision d = e.decision();
            Decision existing = written.get(d.eventId());
            byte[] id = Keys.utf8(d.eventId());
            if (existing == null) {
              byte[] stored = db.rocks.get(db.decisions, id);
              existing = stored == null ? null : DecisionCodec.decode(stored);
            }
            if (existing != null) {
              kept.add(existing);
              continue;
            }
            batch.put(db.decisions, id, DecisionCodec.encode(d));
            batch.put(db.decisionsByTime, timeKey(d.decidedAt(), id), new byte[0]);
            for (Delivery delivery : e.outbox()) {
              deliveries.add(batch, delivery);
            }
            created.addAll(e.outbox());
            written.put(d.eventId(), d);
            kept.add(d);
          }
          // Not fsync'd on its own: the events' journal write right after it (same WAL) is, so a
          // decision costs one fsync, not two (docs/design/decisions.md, "Measured").
          if (!written.isEmpty()) {
            db.writeUnsynced(batch);
          }
        }
        return null;
      });
    } finally {
      for (int i : stripes.descendingSet()) {
        locks[i].unlock();
      }
    }
    deliveries.created(created);
    return kept;
  }

  private static int stripe(String eventId) {
    return Math.floorMod(eventId.hashCode(), STRIPES);
  }

  @Override
  public Optional<Decision> get(String eventId) {
    return Optional.ofNullable(db.get("read a decision", db.decisions, Keys.utf8(eventId))).map(DecisionCodec::decode);
  }

  @Override
  public DecisionPage query(DecisionQuery q) {
    byte[] after = q.cursor() == null ? null : cursorKey(q.cursor());
    int limit = Math.max(1, Math.min(1000, q.limit()));
    return db.call("list decisions", () -> {
      List<Decision> items = new ArrayList<>();
      byte[] last = null;
      boolean more = false;
      try (RocksIterator it = db.rocks.newIterator(db.decisionsByTime)) {
        if (after != null) {
          it.seek(after);
          if (it.isValid() && Arrays.equals(it.key(), after)) {
            it.next();
          }
        } else if (q.until() != null) {
          it.seek(timeKey(q.until() - 1, new byte[0]));
        } else {
          it.seekToFirst();
        }
        for (; it.isValid(); it.next()) {
          byte[] key = it.key();
          long decidedAt = Long.MAX_VALUE - ByteBuffer.wrap(key).getLong();
          if (q.since() != null && decidedAt < q.since()) {
            break;
          }
          if (q.until() != null && decidedAt >= q.until()) {
            continue;
          }
          byte[] value = db.rocks.get(db.decisions, Arrays.copyOfRange(key, Long.BYTES, key.length));
          if (value == null) {
            continue;
          }
          Decision d = DecisionCodec.decode(value);
          if (q.outcome() != null && !q.outcome().equals(d.outcome())) {
            continue;
          }
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(d);
          last = key;
        }
        it.status();
      }
      return new DecisionPage(items, more ? Base64.getUrlEncoder().withoutPadding().encodeToString(last) : null);
    });
  }

  private static byte[] timeKey(long decidedAt, byte[] id) {
    return ByteBuffer.allocate(Long.BYTES + id.length).putLong(Long.MAX_VALUE - decidedAt).put(id).array();
  }

  private static byte[] cursorKey(String cursor) {
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor: not URL-safe base64", e);
    }
    if (key.length <= Long.BYTES) {
      throw new IllegalArgumentException("malformed cursor: too short");
    }
    return key;
  }
}
