package dev.vigil.engine.internal.state;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.map.IMap;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * The statistics store on an embedded Hazelcast member: one {@code IMap} {@value #MAP} from
 * entity ({@code keyField:value}) to its {@link EntityState} in the durable form ({@link
 * EntityStateCodec}: the bytes the write-through store keeps, no second encoding), synchronous backups,
 * updated only by entry processors at the partition owner. Discovery is a TCP/IP member list
 * (none for a single node); multicast, auto-detection and phone-home are off; logs go to slf4j.
 * This is the only package that imports Hazelcast (ArchUnit-enforced).
 */
public final class HazelcastStatistics implements EntityStatistics {
  public static final String MAP = "vigil.entity-stats";

  /** The fields whose distinct values are counted per entity. */
  public static final List<String> DIMENSIONS = dev.vigil.rules.schema.KeptStatistics.DIMENSIONS;

  private final HazelcastInstance member;
  private final IMap<String, byte[]> map;
  private final EntityMapStore mapStore;
  /** Entities the shards may hold as live objects, all together; 0 in a cluster (no writers). */
  private final int ownedEntities;

  private HazelcastStatistics(HazelcastInstance member, EntityMapStore mapStore, int ownedEntities) {
    this.member = member;
    this.mapStore = mapStore;
    this.map = member.getMap(MAP);
    this.ownedEntities = ownedEntities;
  }

  /** Whether the shards own their entities ({@link #writer}): a single node with a cache. */
  static boolean ownedBy(StatisticsConfig sc) {
    return sc.members().isEmpty() && sc.cacheEntries() > 0;
  }

  /** Starts a member with {@code config} and returns once it is part of its cluster. */
  public static HazelcastStatistics start(StatisticsConfig config) {
    // Hazelcast logs a few lines before it reads the config's logging type.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    asyncCallbacksOnAPool();
    EntityMapStore mapStore = new EntityMapStore();
    return new HazelcastStatistics(Hazelcast.newHazelcastInstance(hazelcastConfig(config, mapStore)), mapStore,
        ownedBy(config) ? config.cacheEntries() : 0);
  }

  /**
   * Hazelcast completes the futures of async calls ({@code submitToKey}) through its default async
   * executor: {@code ForkJoinPool.commonPool()}, except when the common pool has parallelism 1 (a
   * 2-core machine), where it starts <b>a new thread per completion</b>; on such machines the
   * batched folds spent most of their time creating threads. This gives them a pool instead
   * (process-wide; the same as the common pool on larger machines).
   */
  private static synchronized void asyncCallbacksOnAPool() {
    if (!(ConcurrencyUtil.getDefaultAsyncExecutor() instanceof ForkJoinPool)) {
      ConcurrencyUtil.setDefaultAsyncExecutor(new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
  }

  static Config hazelcastConfig(StatisticsConfig sc, EntityMapStore mapStore) {
    Config c = new Config();
    c.setClusterName(sc.clusterName());
    c.setInstanceName("vigil-stats-" + UUID.randomUUID());
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.setProperty("hazelcast.local.localAddress", sc.host());
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.health.monitoring.level", "OFF");
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(sc.port()).setPortAutoIncrement(sc.members().isEmpty());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(!sc.members().isEmpty()).setMembers(new ArrayList<>(sc.members()));
    c.addMapConfig(new MapConfig(MAP)
        .setBackupCount(sc.backupCount())
        .setAsyncBackupCount(0)
        .setReadBackupData(false)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        // Write-through to the node's store, lazy load on first touch: docs/design/durability.md.
        // With the shards' writers (single node) they store their batches themselves.
        .setMapStoreConfig(new MapStoreConfig()
            .setEnabled(!ownedBy(sc))
            .setImplementation(mapStore)
            .setWriteDelaySeconds(0)
            .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY)));
    StateSerializers.register(c.getSerializationConfig());
    return c;
  }

  /**
   * A repeat is recognised by the returned state: a fold applied now returns a copy from before
   * it (without its mark), a repeat returns the current state, which holds the mark.
   */
  @Override
  public Folded fold(Fold fold) {
    requireMapIsTheCopy();
    String value = String.valueOf(fold.event().field(fold.keyField()));
    EntityState before = map.executeOnKey(key(fold.keyField(), value), processor(fold, true));
    if (before == null) {
      return new Folded(null, false);
    }
    return new Folded(StatsViews.of(fold.keyField(), value, before, fold.event().timestamp(),
        dimensions(fold)), before.holds(fold.source(), fold.sequence()));
  }

  @Override
  public EntityStats foldAndGetBefore(Fold fold) {
    requireMapIsTheCopy();
    String value = String.valueOf(fold.event().field(fold.keyField()));
    EntityState before = map.executeOnKey(key(fold.keyField(), value), processor(fold, true));
    return before == null ? null
        : StatsViews.of(fold.keyField(), value, before, fold.event().timestamp(), dimensions(fold));
  }

  /** The event's dimension values (other than the entity's own key) as value hashes: what a fold counts. */
  static Map<String, Long> dimensions(Fold fold) {
    String[] dims = new String[DIMENSIONS.size()];
    long[] hashes = new long[dims.length];
    int n = dimensions(fold, dims, hashes);
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(dims[i], hashes[i]);
    }
    return out;
  }

  /**
   * As above, into {@code dims} and {@code hashes} (room for every dimension), in the order of the
   * fold's kept dimensions; returns how many.
   */
  static int dimensions(Fold fold, String[] dims, long[] hashes) {
    int n = 0;
    Event e = fold.event();
    for (String dim : fold.dimensions()) {
      Object v = e.field(dim);
      if (v != null && !dim.equals(fold.keyField())) {
        dims[n] = dim;
        hashes[n++] = Hll.hash(v.toString());
      }
    }
    return n;
  }

  static Map<String, Long> hashes(Map<String, ?> values, String keyField) {
    Map<String, Long> out = new LinkedHashMap<>();
    values.forEach((dim, v) -> {
      if (v != null && DIMENSIONS.contains(dim) && !dim.equals(keyField)) {
        out.put(dim, Hll.hash(v.toString()));
      }
    });
    return out;
  }

  /**
   * One {@link BatchFold} per entity holding that entity's folds in order, all submitted at once
   * and awaited together: the calls to different partitions overlap, and one entity's folds stay
   * in one atomic processor. ({@code executeOnKeys} with one processor for all keys would ship and
   * decode the whole batch once per partition.)
   */
  @Override
  public void foldAll(List<Fold> folds) {
    CompletableFuture.allOf(submitBlind(folds).toArray(CompletableFuture[]::new)).join();
  }

  private List<CompletableFuture<Boolean>> submitBlind(List<Fold> folds) {
    requireMapIsTheCopy();
    Map<String, List<FoldProcessor>> byKey = new LinkedHashMap<>();
    for (Fold f : folds) {
      String key = key(f.keyField(), String.valueOf(f.event().field(f.keyField())));
      byKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(processor(f, false));
    }
    List<CompletableFuture<Boolean>> calls = new ArrayList<>(byKey.size());
    byKey.forEach((key, list) -> {
      String[] keys = new String[list.size()];
      Arrays.fill(keys, key);
      calls.add(map.submitToKey(key, new BatchFold(keys, list.toArray(FoldProcessor[]::new))).toCompletableFuture());
    });
    return calls;
  }

  /**
   * On a single node with {@code cacheEntries > 0}: an {@link OwnedEntities} per shard. In a
   * cluster another node may fold into the same entity, so every fold goes to its owner member.
   */
  @Override
  public Optional<Writer> writer(int writers) {
    return ownedEntities == 0 ? Optional.empty() : Optional.of(new OwnedEntities(map, mapStore, ownedEntities / Math.max(1, writers)));
  }

  @Override
  public Optional<EntityStats> get(String keyField, String key) {
    EntityState s = decode(stored(key(keyField, key)));
    return s == null ? Optional.empty() : Optional.of(StatsViews.of(keyField, key, s, s.lastSeen));
  }

  @Override
  public Optional<EntityStats> read(String keyField, String key, long asOf, Map<String, ?> values) {
    EntityState s = decode(stored(key(keyField, key)));
    return s == null ? Optional.empty() : Optional.of(StatsViews.of(keyField, key, s, asOf, hashes(values, keyField)));
  }

  @Override
  public void persistTo(dev.vigil.engine.spi.EntitySnapshots snapshots) {
    mapStore.attach(snapshots);
  }

  @Override
  public boolean running() {
    return member.getLifecycleService().isRunning();
  }

  /** The member, for tests and benchmarks in this package. */
  HazelcastInstance member() {
    return member;
  }

  @Override
  public void close() {
    if (member.getLifecycleService().isRunning()) {
      member.shutdown();
    }
  }

  /**
   * The entity's record: from the map, or with the shards' writers from the node's store, which is
   * then the only copy ({@link OwnedEntities}).
   */
  private byte[] stored(String key) {
    return storeIsTheCopy() ? mapStore.load(key) : map.get(key);
  }

  /** Whether the shards' writers own the entities and keep them in the node's store only. */
  private boolean storeIsTheCopy() {
    return ownedEntities > 0 && mapStore.attached();
  }

  /**
   * The entry-processor folds work on the map; with the shards' writers the node's store is the
   * only copy and the map stays empty, so a fold there would start from nothing and never be
   * stored. Nothing in the engine does that; this keeps it so.
   */
  private void requireMapIsTheCopy() {
    if (storeIsTheCopy()) {
      throw new IllegalStateException("the shards' writers own the entities on this node: fold through writer()");
    }
  }

  private static EntityState decode(byte[] stored) {
    return stored == null ? null : EntityStateCodec.decode(stored);
  }

  static String key(String keyField, String value) {
    return keyField + ":" + value;
  }

  /** The numeric fields of one event type that a fold reads (immutable, so racy reuse is safe). */
  record NumericFields(EventType type, String[] names, String[] qualified) {
    static NumericFields of(EventType type) {
      List<String> names = new ArrayList<>();
      List<String> qualified = new ArrayList<>();
      for (FieldSpec spec : type.fields()) {
        if (!spec.key() && (spec.type() == FieldType.DECIMAL || spec.type() == FieldType.INTEGER)) {
          names.add(spec.name());
          qualified.add(type.name() + "." + spec.name());
        }
      }
      return new NumericFields(type, names.toArray(String[]::new), qualified.toArray(String[]::new));
    }
  }

  /** Per type name; replaced when the type is (re)declared, i.e. when the instance differs. */
  private static final Map<String, NumericFields> NUMERIC = new java.util.concurrent.ConcurrentHashMap<>();

  static NumericFields numeric(EventType type) {
    NumericFields numeric = NUMERIC.get(type.name());
    if (numeric == null || numeric.type() != type) {
      numeric = NumericFields.of(type);
      NUMERIC.put(type.name(), numeric);
    }
    return numeric;
  }

  static FoldProcessor processor(Fold f, boolean wantBefore) {
    FoldInputs in = new FoldInputs().of(f);
    return new FoldProcessor(f.source(), f.sequence(), f.floor(), f.event().timestamp(),
        Arrays.copyOf(in.names, in.fields), Arrays.copyOf(in.values, in.fields),
        Arrays.copyOf(in.dims, in.dimensions), Arrays.copyOf(in.hashes, in.dimensions), wantBefore);
  }

}
