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
final class FoldProcessor implements EntryProcessor<String, byte[], EntityState> {
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

  /** What a fold returns to its caller, and the state to store ({@code null}: unchanged). */
  record Outcome(EntityState result, EntityState changed) {}

  /** Folds into {@code state} ({@code null}: no history yet). */
  Outcome fold(EntityState state) {
    EntityState before = state == null ? null : wantBefore ? state.copy() : null;
    EntityState s = state == null ? new EntityState() : state;
    if (s.apply(source, sequence, floor, time, names, values, dims, hashes)) {
      return new Outcome(before, s);
    }
    return new Outcome(wantBefore ? s : null, null);
  }

  @Override
  public EntityState process(Map.Entry<String, byte[]> entry) {
    byte[] stored = entry.getValue();
    Outcome o = fold(stored == null ? null : EntityStateCodec.decode(stored));
    if (o.changed() != null) {
      entry.setValue(EntityStateCodec.encode(o.changed()));
    }
    return o.result();
  }
}
