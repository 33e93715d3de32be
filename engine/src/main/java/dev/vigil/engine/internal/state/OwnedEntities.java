package dev.vigil.engine.internal.state;

import com.hazelcast.map.IMap;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.internal.Hashes;
import dev.vigil.engine.spi.EntityStatistics;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities one shard owns, held as live {@link EntityState} objects on the shard's thread: a
 * fold is a method call instead of an entry-processor round trip to a partition thread (two thread
 * hand-offs, the state deserialized, copied and serialized back per event). The entities a batch
 * changed reach the node's store (RocksDB) with one write at {@link #flush}, after the batch's
 * alerts. The store is then the only copy outside this writer: entities it does not hold and every
 * reader outside the shard (decisions, the entities API) read it directly (a point lookup,
 * bloom-filtered for new entities). The Hazelcast map is left empty in this mode: writing it too
 * ({@code setAll} per batch) cost the shards about a tenth of their time and made every decision's
 * statistics read queue behind those writes on the partition threads, for a copy nothing needed.
 * Without a store (no engine: tests, benchmarks) the map is the copy. The same {@link
 * EntityState#apply} as {@link FoldProcessor}, so the numbers and the idempotency marks are the same.
 *
 * <p>Only correct while the shard is the only writer of its entities: {@code ShardPool} sends
 * every fold of an entity to the shard its key hashes to, and {@link HazelcastStatistics} hands
 * out writers only on a node without cluster members. Bounded: beyond {@code capacity} the least
 * recently used unchanged entities (approximately: a CLOCK, see {@link #clock}) are dropped and read
 * back from the store when touched again.
 *
 * <p>An entity taken in (new, or read from the store) is on probation ({@link #probation}) for
 * {@link #PROBATION_FLUSHES} writes: if it was not used again in that time it is dropped once
 * written, before the collector is likely to have copied it. Most entities of a stream with many
 * sparse users are touched once in a while; held until the cache overflowed, each one's ~25
 * objects were copied to a survivor space and promoted, which made the node's young pauses twice
 * as long as without statistics (docs/performance.md, ninth pass). Entities used again go to the
 * clock and stay held as before.
 */
final class OwnedEntities implements EntityStatistics.Writer {
  private final IMap<String, byte[]> map;
  private final EntityMapStore store;
  private final int capacity;
  /**
   * Not an access-ordered {@code LinkedHashMap}: relinking on every lookup wrote three old
   * objects per fold (each a card for the collector to refine); the last use is a flush count
   * on the entity instead ({@link EntityState#used}), read when evicting.
   */
  private final HashMap<Key, EntityState> live = new HashMap<>(1024);
  /**
   * Every held entity once, in the order it was taken in or last given a second chance: the
   * eviction "clock". {@link #evict} takes entities from the front; one used since it was queued
   * goes to the back once more, the others are dropped, so eviction costs in proportion to what
   * it drops instead of a pass over (and a sort of) every held entity each time. Over HTTP with
   * 100 000 users, that pass took ~5 % of the shards' time (docs/performance.md, eighth pass).
   */
  private final ArrayDeque<Queued> clock = new ArrayDeque<>();
  /**
   * Entities taken in during the last {@link #PROBATION_FLUSHES} writes, in the order taken in:
   * at each write those queued that long ago go to the {@link #clock} if used since, else are
   * dropped. Capacity eviction takes from here first.
   */
  private final ArrayDeque<Queued> probation = new ArrayDeque<>();
  /**
   * 1–2 s at the write-behind delay (1 s; ten writes at the 100 ms of 2026-11-26): a P5 user (2
   * events/s) is kept, a sparse user of the load generator (one event in minutes) is not.
   */
  static final int PROBATION_FLUSHES = 2;
  /** Flushes so far: the clock of {@link EntityState#used}. */
  private int flushes;
  /** Entities changed since the last flush, each once (its {@link EntityState#unsaved} is set). */
  private final List<Map.Entry<Key, EntityState>> changed = new ArrayList<>();
  /** The current fold's inputs (the writer runs on its shard's thread only). */
  private final FoldInputs inputs = new FoldInputs();
  /** Keys looked up and found nowhere since the last flush: no second lookup before their first fold. */
  private final Set<Key> absent = new HashSet<>();

  /**
   * An entity: key field and value, with a mixed hash. Not the store's {@code "field:value"}
   * string: that is a new string (and a new hash) per fold, and key values such as {@code u1234}
   * have {@code String} hashes that differ mostly in their high bits, so whole hash-table bins
   * collided into trees (about a tenth of the shards' time went to those lookups on P5).
   */
  private record Key(String field, String value, int hash) {
    Key(String field, String value) {
      this(field, value, Hashes.fmix32(31 * field.hashCode() + value.hashCode()));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && value.equals(k.value) && field.equals(k.field);
    }

    String stored() {
      return HazelcastStatistics.key(field, value);
    }
  }

  /** A held entity's place on the eviction clock: its key and the flush count when queued. */
  private static final class Queued {
    final Key key;
    int since;

    Queued(Key key, int since) {
      this.key = key;
      this.since = since;
    }
  }

  OwnedEntities(IMap<String, byte[]> map, EntityMapStore store, int capacity) {
    this.map = map;
    this.store = store;
    this.capacity = Math.max(1, capacity);
  }

  @Override
  public EntityStatistics.Folded fold(EntityStatistics.Fold fold) {
    String value = String.valueOf(fold.event().field(fold.keyField()));
    Key key = new Key(fold.keyField(), value);
    EntityState state = entity(key);
    EntityStats before = state == null ? null : StatsViews.of(fold.keyField(), value, state,
        fold.event().timestamp(), HazelcastStatistics.dimensions(fold));
    boolean applied = apply(key, state == null ? new EntityState() : state, state == null, fold);
    return new EntityStatistics.Folded(before, !applied && state != null && state.holds(fold.source(), fold.sequence()));
  }

  @Override
  public EntityStatistics.Peeked peek(EntityStatistics.Fold fold) {
    EntityState state = entity(key(fold));
    return new EntityStatistics.Peeked(new EntityStateView(fold.keyField(), state, fold.event()),
        state != null && state.holds(fold.source(), fold.sequence()));
  }

  @Override
  public void add(EntityStatistics.Fold fold) {
    Key key = key(fold);
    EntityState state = entity(key);
    apply(key, state == null ? new EntityState() : state, state == null, fold);
  }

  @Override
  public void flush() {
    if (!changed.isEmpty()) {
      Map<String, byte[]> encoded = new HashMap<>(changed.size() * 2);
      for (Map.Entry<Key, EntityState> c : changed) {
        encoded.put(c.getKey().stored(), EntityStateCodec.encode(c.getValue()));
      }
      if (store.attached()) {
        store.storeAll(encoded); // the only copy: readers go to the store too
      } else {
        map.setAll(encoded);
      }
      changed.forEach(c -> c.getValue().unsaved = false);
      changed.clear();
    }
    absent.clear();
    flushes++;
    endProbation();
    if (live.size() > capacity) {
      evict(live.size() - (capacity - capacity / 10)); // a tenth below: not on every flush
    }
  }

  /** Entities on probation for {@link #PROBATION_FLUSHES} writes: to the clock if used since, else dropped (all are saved). */
  private void endProbation() {
    while (!probation.isEmpty() && flushes - probation.peekFirst().since >= PROBATION_FLUSHES) {
      secondChanceOrDrop(probation.pollFirst());
    }
  }

  /**
   * Drops {@code n} entities not used since they were queued, oldest first, those on probation
   * before the others (all are saved: called after a write). An entity used since is queued again
   * at the back of the clock with the current flush count (a second chance, as in the CLOCK
   * approximation of least-recently-used); the loop ends because nothing is used while it runs,
   * so the second time round every entity is droppable.
   */
  private void evict(int n) {
    int dropped = drop(probation, n);
    drop(clock, n - dropped);
  }

  /** {@link #evict} from one queue; returns how many were dropped. */
  private int drop(ArrayDeque<Queued> queue, int n) {
    int dropped = 0;
    while (dropped < n && !queue.isEmpty()) {
      if (secondChanceOrDrop(queue.pollFirst())) {
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * The one rule of both queues: an entity used since it was queued goes to the back of the clock
   * with the current flush count, else it is dropped. Returns whether a held entity was dropped.
   */
  private boolean secondChanceOrDrop(Queued q) {
    EntityState s = live.get(q.key);
    if (s == null) {
      return false;
    }
    if (s.used > q.since) {
      q.since = flushes;
      clock.addLast(q);
      return false;
    }
    live.remove(q.key);
    return true;
  }

  @Override
  public int unsaved() {
    return changed.size();
  }

  /** Entities held by this writer (for tests). */
  int held() {
    return live.size();
  }

  private static Key key(EntityStatistics.Fold fold) {
    return new Key(fold.keyField(), String.valueOf(fold.event().field(fold.keyField())));
  }

  /** The held entity, else read (and held) from the store; {@code null} when it has no history. */
  private EntityState entity(Key key) {
    EntityState state = live.get(key);
    if (state != null) {
      state.used = flushes;
      return state;
    }
    if (absent.contains(key)) {
      return null;
    }
    byte[] stored = load(key.stored());
    if (stored == null) {
      absent.add(key);
      return null;
    }
    state = EntityStateCodec.decode(stored);
    hold(key, state);
    return state;
  }

  private void hold(Key key, EntityState state) {
    state.used = flushes;
    live.put(key, state);
    probation.addLast(new Queued(key, flushes));
  }

  /** From the node's store when attached; else the map is the only copy (no engine: tests, benchmarks). */
  private byte[] load(String key) {
    return store.attached() ? store.load(key) : map.get(key);
  }

  /** Folds into {@code state}; a {@code fresh} one (no history) is held from now on. */
  private boolean apply(Key key, EntityState state, boolean fresh, EntityStatistics.Fold fold) {
    FoldInputs in = inputs.of(fold);
    if (!state.apply(fold.source(), fold.sequence(), fold.floor(), fold.event().timestamp(), in.names, in.values,
        in.fields, in.dims, in.hashes, in.dimensions)) {
      return false;
    }
    if (fresh) {
      hold(key, state);
      absent.remove(key);
    }
    if (!state.unsaved) {
      state.unsaved = true;
      changed.add(Map.entry(key, state));
    }
    return true;
  }
}
