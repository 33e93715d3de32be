package dev.vigil.engine.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;

/**
 * The column families of the store and the RocksDB options they are opened with. Memory is
 * bounded: one 64 MB block cache shared by all column families (index and filter blocks live in
 * it too) and at most 128 MB of memtables across the whole database. Point-lookup tables (dedup,
 * alerts) get a bloom filter so "is this id new?" rarely touches disk. Compression is LZ4, which
 * the rocksdbjni native library bundles.
 *
 * <p>{@link #ENTITY_STATS} is different: a small set of keys (one per entity) overwritten
 * continuously by the statistics writers, every changed entity every ~100 ms. It gets a 64 MB
 * memtable, so a flush keeps only the newest of many versions of a key; compaction waits for eight
 * level-0 files instead of four, since each compaction rewrites the whole table; and no
 * compression (the values are mostly doubles and 64-bit hashes; LZ4 cost CPU on every flush and
 * compaction, and its saving on them was not measured). On the in-process benchmark this cut the
 * RocksDB threads' CPU to a third (docs/performance.md, ninth pass).
 */
final class ColumnFamilies {

  static final String DEFAULT = new String(RocksDB.DEFAULT_COLUMN_FAMILY, java.nio.charset.StandardCharsets.UTF_8);
  static final String META = "meta";
  static final String JOURNAL = "journal";
  static final String DEDUP = "dedup";
  static final String ALERTS = "alerts";
  static final String ALERTS_BY_TIME = "alerts_by_time";
  static final String API_KEYS = "api_keys";
  static final String EVENT_TYPES = "event_types";
  static final String LATE_EVENTS = "late_events";
  static final String ALERT_STATUS = "alert_status";
  static final String SUBSCRIPTIONS = "subscriptions";
  static final String DELIVERIES = "deliveries";
  static final String DELIVERIES_OPEN = "deliveries_open";
  static final String DECISIONS = "decisions";
  static final String DECISIONS_BY_TIME = "decisions_by_time";
  static final String RULES = "rules";
  static final String DECISION_SETS = "decision_sets";
  static final String ENTITY_STATS = "entity_stats";
  static final String CHECKPOINTS = "checkpoints";
  /** Match time of the last alert per rule and entity: suppression state that survives a restart. */
  static final String ALERTS_LAST = "alerts_last";

  /** Every column family, in the order their handles are kept. */
  static final List<String> NAMES =
      List.of(
          DEFAULT, META, JOURNAL, DEDUP, ALERTS, ALERTS_BY_TIME, API_KEYS, EVENT_TYPES, LATE_EVENTS,
          ALERT_STATUS, SUBSCRIPTIONS, DELIVERIES, DELIVERIES_OPEN, RULES, DECISIONS, DECISIONS_BY_TIME,
          DECISION_SETS, ENTITY_STATS, CHECKPOINTS, ALERTS_LAST);

  private static final Set<String> POINT_LOOKUP = Set.of(DEDUP, ALERTS, ALERT_STATUS, DECISIONS, ALERTS_LAST);

  private static final long BLOCK_CACHE_BYTES = 64L << 20;
  private static final long MEMTABLE_BUDGET_BYTES = 128L << 20;
  private static final long WRITE_BUFFER_BYTES = 16L << 20;
  private static final long STATS_WRITE_BUFFER_BYTES = 64L << 20;
  private static final int STATS_LEVEL0_FILES_TO_COMPACT = 8;
  // Small tables (api_keys, meta) would otherwise pin old WAL files until they are flushed.
  private static final long MAX_WAL_BYTES = 128L << 20;
  private static final double BLOOM_BITS_PER_KEY = 10;

  /** Options for one open of the database; {@link #owned} must be closed after the database. */
  record Config(DBOptions dbOptions, List<ColumnFamilyDescriptor> descriptors, List<AutoCloseable> owned) {}

  private ColumnFamilies() {}

  static Config config() {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      // Each object goes to the front of owned: options are released before what they point to.
      LRUCache cache = first(owned, new LRUCache(BLOCK_CACHE_BYTES));
      BloomFilter bloom = first(owned, new BloomFilter(BLOOM_BITS_PER_KEY));
      ColumnFamilyOptions lookup = first(owned, columnOptions(cache, bloom));
      ColumnFamilyOptions plain = first(owned, columnOptions(cache, null));
      ColumnFamilyOptions stats =
          first(owned, columnOptions(cache, bloom))
              .setWriteBufferSize(STATS_WRITE_BUFFER_BYTES)
              .setLevel0FileNumCompactionTrigger(STATS_LEVEL0_FILES_TO_COMPACT)
              .setCompressionType(CompressionType.NO_COMPRESSION);
      DBOptions db =
          first(
              owned,
              new DBOptions()
                  .setCreateIfMissing(true)
                  .setCreateMissingColumnFamilies(true)
                  .setMaxBackgroundJobs(2)
                  .setDbWriteBufferSize(MEMTABLE_BUDGET_BYTES)
                  .setMaxTotalWalSize(MAX_WAL_BYTES)
                  .setInfoLogLevel(InfoLogLevel.INFO_LEVEL)
                  .setMaxLogFileSize(8L << 20)
                  .setKeepLogFileNum(3));
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : NAMES) {
        ColumnFamilyOptions options = name.equals(ENTITY_STATS) ? stats : POINT_LOOKUP.contains(name) ? lookup : plain;
        descriptors.add(new ColumnFamilyDescriptor(Keys.utf8(name), options));
      }
      return new Config(db, descriptors, owned);
    } catch (RuntimeException | Error e) {
      closeAll(owned);
      throw e;
    }
  }

  private static <T extends AutoCloseable> T first(List<AutoCloseable> owned, T resource) {
    owned.add(0, resource);
    return resource;
  }

  private static ColumnFamilyOptions columnOptions(LRUCache cache, BloomFilter bloom) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    if (bloom != null) {
      table.setFilterPolicy(bloom).setWholeKeyFiltering(true);
    }
    return new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setCompressionType(CompressionType.LZ4_COMPRESSION);
  }

  static void closeAll(List<? extends AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        // Releasing native memory; nothing useful to do on failure.
      }
    }
  }
}
