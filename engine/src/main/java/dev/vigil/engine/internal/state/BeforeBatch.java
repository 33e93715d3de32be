package dev.vigil.engine.internal.state;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Map;

/**
 * One entity's folds in order, in one entry-processor call, returning the state before each fold
 * (what rules see): the batched form of {@link FoldProcessor} with {@code wantBefore}, so a shard
 * folds everything one release of its reorder buffer needs with one call per entity, all calls in
 * flight at once (see {@link HazelcastStatistics#foldAllAndGetBefore}). A repeated (already
 * applied) fold changes nothing and sees the current state, as {@link FoldProcessor} does.
 */
final class BeforeBatch implements EntryProcessor<String, EntityState, BeforeBatch.Result> {
  final FoldProcessor[] folds;

  BeforeBatch(FoldProcessor[] folds) {
    this.folds = folds;
  }

  /** {@code states[i]} is the state before {@code folds[i]}; meaningless where {@code known[i]} is false (no history). */
  static final class Result {
    final boolean[] known;
    final EntityState[] states;

    Result(boolean[] known, EntityState[] states) {
      this.known = known;
      this.states = states;
    }
  }

  @Override
  public Result process(Map.Entry<String, EntityState> entry) {
    EntityState state = entry.getValue();
    boolean[] known = new boolean[folds.length];
    EntityState[] before = new EntityState[folds.length];
    boolean changed = false;
    for (int i = 0; i < folds.length; i++) {
      FoldProcessor f = folds[i];
      known[i] = state != null;
      if (state == null) {
        state = new EntityState();
      }
      before[i] = known[i] ? state.copy() : EMPTY;
      changed |= state.apply(f.source, f.sequence, f.floor, f.time, f.names, f.values, f.dims, f.hashes);
    }
    if (changed) {
      entry.setValue(state);
    }
    return new Result(known, before);
  }

  private static final EntityState EMPTY = new EntityState();

  static final class Serializer implements CompactSerializer<BeforeBatch> {
    @Override
    public BeforeBatch read(CompactReader in) {
      return new BeforeBatch(in.readArrayOfCompact("folds", FoldProcessor.class));
    }

    @Override
    public void write(CompactWriter out, BeforeBatch b) {
      out.writeArrayOfCompact("folds", b.folds);
    }

    @Override
    public String getTypeName() {
      return "vigil.BeforeBatch";
    }

    @Override
    public Class<BeforeBatch> getCompactClass() {
      return BeforeBatch.class;
    }
  }

  static final class ResultSerializer implements CompactSerializer<Result> {
    @Override
    public Result read(CompactReader in) {
      return new Result(in.readArrayOfBoolean("known"), in.readArrayOfCompact("states", EntityState.class));
    }

    @Override
    public void write(CompactWriter out, Result r) {
      out.writeArrayOfBoolean("known", r.known);
      out.writeArrayOfCompact("states", r.states);
    }

    @Override
    public String getTypeName() {
      return "vigil.BeforeStates";
    }

    @Override
    public Class<Result> getCompactClass() {
      return Result.class;
    }
  }
}
