package dev.vigil.engine.internal.store;

import dev.vigil.engine.ApiKeyStore;
import dev.vigil.engine.Deliveries;
import dev.vigil.engine.Subscriptions;
import dev.vigil.engine.Durability;
import dev.vigil.engine.StorageException;
import dev.vigil.engine.spi.AlertStore;
import dev.vigil.engine.spi.EventTypeStore;
import dev.vigil.engine.spi.Journal;
import dev.vigil.engine.spi.RuleStore;
import dev.vigil.engine.spi.LateEventStore;
import dev.vigil.engine.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Vigil's one embedded durable store: a single RocksDB instance in the data directory, one column
 * family per table (see {@link ColumnFamilies}). The {@code meta} table holds the store format
 * version; a store written by a newer, unknown format is refused rather than misread.
 *
 * <p>Writes use the configured {@link Durability}: {@code FSYNC} syncs the write-ahead log on
 * every write, {@code BATCH} leaves it to the OS, {@code NONE} skips the log (the memtables are
 * still flushed on {@link #close}). Only one process can open a directory: RocksDB's lock file
 * makes a second open fail with a {@link StorageException} saying the directory is in use.
 */
public final class RocksStorage implements Storage {

  /** The store format this code writes and the newest it reads. */
  static final int FORMAT_VERSION = 1;

  static final byte[] FORMAT_VERSION_KEY = Keys.utf8("format.version");

  private static boolean libraryLoaded; // guarded by RocksStorage.class

  private final Path dir;
  private final Db db;
  private final RocksJournal journal;
  private final RocksAlertStore alerts;
  private final RocksApiKeyStore apiKeys;
  private final RocksEventTypeStore eventTypes;
  private final RocksDecisionStore decisions;
  private final RocksRuleStore rules;
  private final RocksRuleStore decisionSets;
  private final RocksLateEventStore lateEvents;
  private final RocksDeliveries deliveries;
  private final RocksSubscriptions subscriptions;
  private final RocksEntitySnapshots entitySnapshots;

  private RocksStorage(Path dir, Db db) {
    this.dir = dir;
    this.db = db;
    this.journal = new RocksJournal(db);
    this.deliveries = new RocksDeliveries(db);
    this.subscriptions = new RocksSubscriptions(db);
    this.alerts = new RocksAlertStore(db, deliveries);
    this.apiKeys = new RocksApiKeyStore(db);
    this.eventTypes = new RocksEventTypeStore(db);
    this.decisions = new RocksDecisionStore(db, deliveries);
    this.rules = new RocksRuleStore(db, db.rules);
    this.decisionSets = new RocksRuleStore(db, db.decisionSets);
    this.lateEvents = new RocksLateEventStore(db);
    this.entitySnapshots = new RocksEntitySnapshots(db);
  }

  /**
   * Opens (creating if needed) the store in {@code dir}.
   *
   * @throws StorageException when the directory cannot be created, is locked by another process,
   *     was written by a newer Vigil, or RocksDB fails to open it
   */
  public static RocksStorage open(Path dir, Durability durability) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(durability, "durability");
    loadLibraryOnce();
    try {
      Files.createDirectories(dir);
      ownerOnly(dir);
    } catch (IOException e) {
      throw new StorageException("Cannot create data directory " + dir + ": " + e, e);
    }
    Db db = openDb(dir, durability);
    try {
      checkFormatVersion(dir, db);
      return new RocksStorage(dir, db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * The store holds webhook signing secrets in clear: the directory is made owner-only where the
   * file system has POSIX permissions.
   */
  private static void ownerOnly(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not POSIX (or not ours to change): the operator protects the directory.
    }
  }

  private static synchronized void loadLibraryOnce() {
    if (libraryLoaded) {
      return;
    }
    try {
      RocksDB.loadLibrary();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      throw new StorageException(
          "Cannot load the RocksDB native library for " + System.getProperty("os.name") + "/"
              + System.getProperty("os.arch") + ": " + e.getMessage(),
          e);
    }
    libraryLoaded = true;
  }

  private static Db openDb(Path dir, Durability durability) {
    ColumnFamilies.Config config = ColumnFamilies.config();
    List<AutoCloseable> owned = new ArrayList<>(config.owned());
    WriteOptions writeOptions = writeOptions(durability);
    WriteOptions derivedOptions = derivedWriteOptions(durability);
    owned.add(0, writeOptions);
    owned.add(1, derivedOptions);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB rocks = RocksDB.open(config.dbOptions(), dir.toString(), config.descriptors(), handles);
      return new Db(rocks, writeOptions, derivedOptions, handles, owned);
    } catch (RocksDBException e) {
      ColumnFamilies.closeAll(owned);
      throw openFailure(dir, e);
    }
  }

  static WriteOptions writeOptions(Durability durability) {
    WriteOptions options = new WriteOptions();
    switch (durability) {
      case FSYNC -> options.setSync(true);
      case BATCH -> options.setSync(false);
      case NONE -> options.setSync(false).setDisableWAL(true);
    }
    return options;
  }

  /**
   * Options for state derived from the journal (alerts, the applied checkpoint, the late-events
   * log): written to the WAL but never fsync'd on their own. The WAL is sequential, so a power
   * loss can only cut its tail: if a checkpoint survived, every derived write before it did too,
   * and whatever came after the surviving checkpoint is regenerated by the journal replay at
   * start (alert ids are deterministic). The next fsync'd journal write also syncs them.
   */
  static WriteOptions derivedWriteOptions(Durability durability) {
    WriteOptions options = new WriteOptions().setSync(false);
    if (durability == Durability.NONE) {
      options.setDisableWAL(true);
    }
    return options;
  }

  private static StorageException openFailure(Path dir, RocksDBException e) {
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains("lock")) {
      return new StorageException(
          "Data directory "
              + dir
              + " is in use: another Vigil process (or another open store in this process) holds"
              + " its lock. Stop that process or use a different data directory. RocksDB said: "
              + message,
          e);
    }
    return new StorageException("Cannot open the store in " + dir + ": " + message, e);
  }

  private static void checkFormatVersion(Path dir, Db db) {
    byte[] stored = db.get("read the store format version", db.meta, FORMAT_VERSION_KEY);
    if (stored == null) {
      db.put("write the store format version", db.meta, FORMAT_VERSION_KEY, intBytes(FORMAT_VERSION));
      return;
    }
    int version = stored.length == Integer.BYTES ? ByteBuffer.wrap(stored).getInt() : -1;
    if (version > FORMAT_VERSION) {
      throw new StorageException(
          "The store in " + dir + " has format version " + version + ", written by a newer Vigil;"
              + " this version reads up to " + FORMAT_VERSION + ". Upgrade Vigil or use another data"
              + " directory.",
          null);
    }
    if (version < 1) {
      throw new StorageException("The store in " + dir + " has an invalid format version entry", null);
    }
  }

  static byte[] intBytes(int v) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(v).array();
  }

  @Override
  public Journal journal() {
    return journal;
  }

  @Override
  public AlertStore alerts() {
    return alerts;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public EventTypeStore eventTypes() {
    return eventTypes;
  }

  @Override
  public dev.vigil.engine.spi.DecisionStore decisions() {
    return decisions;
  }

  @Override
  public LateEventStore lateEvents() {
    return lateEvents;
  }

  @Override
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  @Override
  public Deliveries deliveries() {
    return deliveries;
  }

  @Override
  public RuleStore rules() {
    return rules;
  }

  @Override
  public RuleStore decisionSets() {
    return decisionSets;
  }

  @Override
  public dev.vigil.engine.spi.EntitySnapshots entitySnapshots() {
    return entitySnapshots;
  }

  /** Live SST files (RocksDB's own count) plus the write-ahead log files in the directory. */
  @Override
  public long diskBytes() {
    long sst = db.call("read the store size", () -> db.rocks.getAggregatedLongProperty("rocksdb.total-sst-files-size"));
    try (Stream<Path> files = Files.list(dir)) {
      return sst + files.filter(p -> p.getFileName().toString().endsWith(".log")).mapToLong(RocksStorage::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return sst;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // a WAL file deleted while we listed: it no longer counts
    }
  }

  /** Flushes and releases the store; later calls do nothing. */
  @Override
  public void close() {
    db.close();
  }
}
