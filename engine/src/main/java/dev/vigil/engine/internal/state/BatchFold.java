package dev.vigil.engine.internal.state;

import com.hazelcast.map.EntryProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several folds in one entry-processor call: {@code folds[i]} belongs to entity {@code keys[i]};
 * each entity applies its folds in array order. Immutable, since Hazelcast may run one instance
 * on several partition threads at once. {@link HazelcastStatistics#foldAll} sends one per entity.
 */
final class BatchFold implements EntryProcessor<String, byte[], Boolean> {
  final String[] keys;
  final FoldProcessor[] folds;
  private final Map<String, List<FoldProcessor>> byKey;

  BatchFold(String[] keys, FoldProcessor[] folds) {
    this.keys = keys;
    this.folds = folds;
    Map<String, List<FoldProcessor>> m = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.computeIfAbsent(keys[i], k -> new ArrayList<>(2)).add(folds[i]);
    }
    this.byKey = m;
  }

  @Override
  public Boolean process(Map.Entry<String, byte[]> entry) {
    byte[] stored = entry.getValue();
    EntityState state = stored == null ? new EntityState() : EntityStateCodec.decode(stored);
    boolean changed = false;
    for (FoldProcessor f : byKey.getOrDefault(entry.getKey(), List.of())) {
      changed |= state.apply(f.source, f.sequence, f.floor, f.time, f.names, f.values, f.dims, f.hashes);
    }
    if (changed) {
      entry.setValue(EntityStateCodec.encode(state));
    }
    return changed;
  }
}
