package dev.vigil.engine.internal.store;

import dev.vigil.engine.StorageException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open RocksDB instance, its column families and the write options of the configured
 * durability, shared by the table classes. Every access goes through {@link #call}, which counts
 * itself in flight; {@link #close} marks the database closed and waits until no call is in flight:
 * using a closed RocksDB handle from Java can crash the JVM, so after close every call fails with
 * a {@link StorageException} instead. (A read-write lock did this before; with several threads
 * reading at once its read side keeps a hold count per thread in a {@code ThreadLocal}, a
 * {@code ThreadLocal} write and removal per call: 2 % of the engine's time on P5.)
 */
final class Db {

  @FunctionalInterface
  interface RocksCall<T> {
    T call() throws RocksDBException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Db.class);

  final RocksDB rocks;
  final WriteOptions writeOptions;
  /** See {@link RocksStorage#derivedWriteOptions}. */
  final WriteOptions derivedWriteOptions;
  final ColumnFamilyHandle meta;
  final ColumnFamilyHandle journal;
  final ColumnFamilyHandle dedup;
  final ColumnFamilyHandle alerts;
  final ColumnFamilyHandle alertsByTime;
  final ColumnFamilyHandle apiKeys;
  final ColumnFamilyHandle eventTypes;
  final ColumnFamilyHandle decisions;
  final ColumnFamilyHandle decisionsByTime;
  final ColumnFamilyHandle lateEvents;
  final ColumnFamilyHandle alertStatus;
  final ColumnFamilyHandle subscriptions;
  final ColumnFamilyHandle deliveries;
  final ColumnFamilyHandle deliveriesOpen;
  final ColumnFamilyHandle rules;
  final ColumnFamilyHandle decisionSets;
  final ColumnFamilyHandle entityStats;
  final ColumnFamilyHandle checkpoints;
  final ColumnFamilyHandle alertsLast;
  /** Group commit of the WAL for writes made with {@link #writeUnsynced}. */
  final WalSync walSync;

  private final List<ColumnFamilyHandle> handles;
  private final List<? extends AutoCloseable> options;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param handles in {@link ColumnFamilies#NAMES} order
   * @param options option objects to release after the database, in release order
   */
  Db(RocksDB rocks, WriteOptions writeOptions, WriteOptions derivedWriteOptions,
      List<ColumnFamilyHandle> handles, List<? extends AutoCloseable> options) {
    this.rocks = rocks;
    this.writeOptions = writeOptions;
    this.derivedWriteOptions = derivedWriteOptions;
    this.handles = List.copyOf(handles);
    this.options = List.copyOf(options);
    this.meta = handle(ColumnFamilies.META);
    this.journal = handle(ColumnFamilies.JOURNAL);
    this.dedup = handle(ColumnFamilies.DEDUP);
    this.alerts = handle(ColumnFamilies.ALERTS);
    this.alertsByTime = handle(ColumnFamilies.ALERTS_BY_TIME);
    this.apiKeys = handle(ColumnFamilies.API_KEYS);
    this.eventTypes = handle(ColumnFamilies.EVENT_TYPES);
    this.decisions = handle(ColumnFamilies.DECISIONS);
    this.decisionsByTime = handle(ColumnFamilies.DECISIONS_BY_TIME);
    this.lateEvents = handle(ColumnFamilies.LATE_EVENTS);
    this.alertStatus = handle(ColumnFamilies.ALERT_STATUS);
    this.subscriptions = handle(ColumnFamilies.SUBSCRIPTIONS);
    this.deliveries = handle(ColumnFamilies.DELIVERIES);
    this.deliveriesOpen = handle(ColumnFamilies.DELIVERIES_OPEN);
    this.rules = handle(ColumnFamilies.RULES);
    this.decisionSets = handle(ColumnFamilies.DECISION_SETS);
    this.entityStats = handle(ColumnFamilies.ENTITY_STATS);
    this.checkpoints = handle(ColumnFamilies.CHECKPOINTS);
    this.alertsLast = handle(ColumnFamilies.ALERTS_LAST);
    this.walSync = new WalSync(this, writeOptions.sync());
  }

  private ColumnFamilyHandle handle(String name) {
    return handles.get(ColumnFamilies.NAMES.indexOf(name));
  }

  /** Runs {@code body} against the open database; {@code what} names the operation in errors. */
  <T> T call(String what, RocksCall<T> body) {
    inFlight.incrementAndGet(); // before reading closed: close sets it, then waits for this count
    try {
      if (closed) {
        throw new StorageException("Cannot " + what + ": the store is closed", null);
      }
      return body.call();
    } catch (RocksDBException e) {
      throw new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  byte[] get(String what, ColumnFamilyHandle cf, byte[] key) {
    return call(what, () -> rocks.get(cf, key));
  }

  void put(String what, ColumnFamilyHandle cf, byte[] key, byte[] value) {
    call(
        what,
        () -> {
          rocks.put(cf, writeOptions, key, value);
          return null;
        });
  }

  /** Writes {@code batch} atomically; call inside {@link #call}. */
  void write(WriteBatch batch) throws RocksDBException {
    rocks.write(writeOptions, batch);
  }

  /**
   * Writes {@code batch} atomically into the WAL (unless durability is {@code none}) without
   * syncing it: derived state (alerts, checkpoint, late log), WAL-ordered behind the journal, and
   * the journal itself, whose callers sync afterwards. Under {@code fsync} durability it is durable
   * once {@link WalSync#syncThrough} (or any later fsync'd write) has covered it. Call inside
   * {@link #call}.
   */
  void writeUnsynced(WriteBatch batch) throws RocksDBException {
    rocks.write(derivedWriteOptions, batch);
  }

  void putDerived(String what, ColumnFamilyHandle cf, byte[] key, byte[] value) {
    call(
        what,
        () -> {
          rocks.put(cf, derivedWriteOptions, key, value);
          return null;
        });
  }

  /** Flushes memtables (needed when the WAL is off), then releases handles, database, options. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (inFlight.get() > 0) {
      LockSupport.parkNanos(100_000); // calls are short; close is once per process
    }
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      rocks.flush(flush, handles);
    } catch (RocksDBException e) {
      LOG.warn("Flushing the store on close failed: {}", e.getMessage());
    }
    handles.forEach(ColumnFamilyHandle::close);
    rocks.close();
    ColumnFamilies.closeAll(options);
  }
}
