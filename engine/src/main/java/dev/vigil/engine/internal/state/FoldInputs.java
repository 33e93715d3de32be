package dev.vigil.engine.internal.state;

import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics.Fold;
import java.math.BigDecimal;

/**
 * What one fold adds to an entity: the event's numeric fields (qualified {@code type.field}) and
 * the value hashes of its dimensions other than the entity's own key. Mutable and reused: the
 * shard-local writer fills one per fold instead of allocating a {@link FoldProcessor} and four
 * arrays (8 % of what P5 allocated in-process, docs/performance.md, ninth pass). One
 * thread only.
 */
final class FoldInputs {
  String[] names = new String[4];
  double[] values = new double[4];
  int fields;
  String[] dims = new String[HazelcastStatistics.DIMENSIONS.size()];
  long[] hashes = new long[HazelcastStatistics.DIMENSIONS.size()];
  int dimensions;

  /** Fills this from {@code fold}'s event; returns {@code this}. */
  FoldInputs of(Fold fold) {
    Event e = fold.event();
    HazelcastStatistics.NumericFields numeric = HazelcastStatistics.numeric(fold.type());
    String[] declared = numeric.names();
    if (names.length < declared.length) {
      names = new String[declared.length];
      values = new double[declared.length];
    }
    int n = 0;
    for (int i = 0; i < declared.length; i++) {
      Object v = e.field(declared[i]);
      if (v != null) {
        names[n] = numeric.qualified()[i];
        values[n++] = v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue();
      }
    }
    fields = n;
    dimensions = HazelcastStatistics.dimensions(fold, dims, hashes);
    return this;
  }
}
