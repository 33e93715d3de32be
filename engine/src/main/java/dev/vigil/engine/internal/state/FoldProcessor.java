package dev.vigil.engine.internal.state;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Folds one event into one entity's {@link EntityState}, atomically at the partition owner (and
 * again, deterministically, on each backup). Returns the state as it was before the event when
 * {@code wantBefore} is set (what rules see), else {@code null}. A repeat of an already applied
 * (source, sequence), or a sequence at or below the source's {@code floor}, changes nothing and
 * returns the current state.
 */
final class FoldProcessor implements EntryProcessor<String, EntityState, EntityState> {
  final long source;
  final long sequence;
  final long floor;
  final long time;
  final String[] names;
  final double[] values;
  final String[] dims;
  final long[] hashes;
  final boolean wantBefore;

  FoldProcessor(long source, long sequence, long floor, long time, String[] names, double[] values,
      String[] dims, long[] hashes, boolean wantBefore) {
    this.source = source;
    this.sequence = sequence;
    this.floor = floor;
    this.time = time;
    this.names = names;
    this.values = values;
    this.dims = dims;
    this.hashes = hashes;
    this.wantBefore = wantBefore;
  }

  @Override
  public EntityState process(Map.Entry<String, EntityState> entry) {
    EntityState state = entry.getValue();
    EntityState before = state == null ? null : wantBefore ? state.copy() : null;
    if (state == null) {
      state = new EntityState();
    }
    if (state.apply(source, sequence, floor, time, names, values, dims, hashes)) {
      entry.setValue(state);
      return before;
    }
    return wantBefore ? state : null;
  }
}
