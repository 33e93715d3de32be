package dev.vigil.engine.internal.state;

import com.hazelcast.map.MapStore;
import dev.vigil.engine.spi.EntitySnapshots;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Write-through persistence of the statistics map (its values are already the durable form,
 * {@link EntityStateCodec}, so they are stored as they are): Hazelcast calls {@link #store} at the partition
 * owner after each fold changed an entity (before the fold returns to the shard), and {@link
 * #load} when an entity is touched that the member does not hold (after a restart). {@link
 * #loadAllKeys} returns nothing, so a restart loads entities lazily, one at first use. Until the
 * engine attaches its store ({@link #attach}) nothing is persisted (statistics without an engine,
 * e.g. benchmarks). See {@code docs/design/durability.md}.
 */
final class EntityMapStore implements MapStore<String, byte[]> {
  private volatile EntitySnapshots snapshots;

  void attach(EntitySnapshots snapshots) {
    this.snapshots = snapshots;
  }

  boolean attached() {
    return snapshots != null;
  }

  @Override
  public void store(String key, byte[] value) {
    EntitySnapshots s = snapshots;
    if (s != null) {
      s.store(key, value);
    }
  }

  @Override
  public void storeAll(Map<String, byte[]> map) {
    EntitySnapshots s = snapshots;
    if (s != null) {
      s.storeAll(map);
    }
  }

  @Override
  public void delete(String key) {
    EntitySnapshots s = snapshots;
    if (s != null) {
      s.delete(key);
    }
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    keys.forEach(this::delete);
  }

  @Override
  public byte[] load(String key) {
    EntitySnapshots s = snapshots;
    return s == null ? null : s.load(key);
  }

  @Override
  public Map<String, byte[]> loadAll(Collection<String> keys) {
    Map<String, byte[]> out = new HashMap<>();
    for (String k : keys) {
      byte[] s = load(k);
      if (s != null) {
        out.put(k, s);
      }
    }
    return out;
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return null; // lazy: entities are loaded on first touch
  }
}
