package dev.vigil.engine.internal.store;

import dev.vigil.engine.spi.EntitySnapshots;

/**
 * The {@code entity_stats} table: the statistics member's write-through copy of each entity,
 * keyed by {@code keyField:value}. Written with the derived-state options (WAL-ordered behind the
 * journal, no fsync of its own; see {@link RocksStorage#derivedWriteOptions}).
 */
final class RocksEntitySnapshots implements EntitySnapshots {
  private final Db db;

  RocksEntitySnapshots(Db db) {
    this.db = db;
  }

  @Override
  public byte[] load(String entity) {
    return db.get("read entity statistics", db.entityStats, Keys.utf8(entity));
  }

  @Override
  public void store(String entity, byte[] record) {
    db.putDerived("write entity statistics", db.entityStats, Keys.utf8(entity), record);
  }

  /** One {@code WriteBatch}: a shard's flushed batch is stored whole or not at all. */
  @Override
  public void storeAll(java.util.Map<String, byte[]> records) {
    db.call("write entity statistics", () -> {
      try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
        for (var e : records.entrySet()) {
          batch.put(db.entityStats, Keys.utf8(e.getKey()), e.getValue());
        }
        db.writeUnsynced(batch);
      }
      return null;
    });
  }

  @Override
  public void delete(String entity) {
    db.call("delete entity statistics", () -> {
      db.rocks.delete(db.entityStats, db.derivedWriteOptions, Keys.utf8(entity));
      return null;
    });
  }
}
