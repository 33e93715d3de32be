package dev.vigil.engine.spi;

/**
 * The durable copy of the per-entity statistics (port; the RocksDB table is {@code entity_stats}).
 * Written through on every fold by the member that owns the entity, read when an entity is first
 * touched after a restart. Values are opaque to the store.
 */
public interface EntitySnapshots {

  /** The stored record of {@code entity} ({@code keyField:value}), or {@code null}. */
  byte[] load(String entity);

  /** Replaces the record of {@code entity}; WAL-ordered with the journal, not fsync'd on its own. */
  void store(String entity, byte[] record);

  /** Replaces several records at once (one atomic write where the store can). */
  default void storeAll(java.util.Map<String, byte[]> records) {
    records.forEach(this::store);
  }

  /** Removes the record of {@code entity}. */
  void delete(String entity);
}
