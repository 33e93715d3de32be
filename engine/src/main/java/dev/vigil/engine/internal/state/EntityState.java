package dev.vigil.engine.internal.state;

import java.util.Arrays;

/**
 * Everything kept about one entity (e.g. {@code user_id:u1}): event count, first and last event
 * time, per numeric field a {@link FieldState} (named {@code type.field}, e.g. {@code
 * transaction.amount}), per distinct dimension a {@link DistinctSet}, and the idempotency marks:
 * for each source (a node's journal) the highest journal sequence already folded in.
 *
 * <p>Mutated only inside {@link FoldProcessor} at the partition owner (and its backups), so it
 * needs no locking; stored Compact-serialized (see {@link StateSerializers}).
 */
final class EntityState {
  long eventCount;
  long firstSeen;
  long lastSeen;
  long[] sources;
  long[] sequences;
  String[] fieldNames;
  FieldState[] fields;
  String[] dimensions;
  DistinctSet[] distinct;

  EntityState() {
    this(0, Long.MAX_VALUE, Long.MIN_VALUE, new long[0], new long[0], new String[0], new FieldState[0],
        new String[0], new DistinctSet[0]);
  }

  EntityState(long eventCount, long firstSeen, long lastSeen, long[] sources, long[] sequences,
      String[] fieldNames, FieldState[] fields, String[] dimensions, DistinctSet[] distinct) {
    this.eventCount = eventCount;
    this.firstSeen = firstSeen;
    this.lastSeen = lastSeen;
    this.sources = sources;
    this.sequences = sequences;
    this.fieldNames = fieldNames;
    this.fields = fields;
    this.dimensions = dimensions;
    this.distinct = distinct;
  }

  /**
   * Folds one event in, unless this source's sequence was already applied.
   *
   * @return whether the state changed
   */
  boolean apply(long source, long sequence, long time, String[] names, double[] values,
      String[] dims, long[] hashes) {
    int s = indexOf(sources, source);
    if (s >= 0 && sequences[s] >= sequence) {
      return false;
    }
    if (s < 0) {
      sources = Arrays.copyOf(sources, sources.length + 1);
      sequences = Arrays.copyOf(sequences, sequences.length + 1);
      s = sources.length - 1;
      sources[s] = source;
    }
    sequences[s] = sequence;
    eventCount++;
    firstSeen = Math.min(firstSeen, time);
    lastSeen = Math.max(lastSeen, time);
    for (int i = 0; i < names.length; i++) {
      field(names[i]).add(time, values[i]);
    }
    for (int i = 0; i < dims.length; i++) {
      dimension(dims[i]).add(hashes[i], time);
    }
    return true;
  }

  FieldState fieldOrNull(String name) {
    int i = Arrays.asList(fieldNames).indexOf(name);
    return i < 0 ? null : fields[i];
  }

  DistinctSet dimensionOrNull(String name) {
    int i = Arrays.asList(dimensions).indexOf(name);
    return i < 0 ? null : distinct[i];
  }

  private FieldState field(String name) {
    FieldState f = fieldOrNull(name);
    if (f == null) {
      f = new FieldState();
      fieldNames = append(fieldNames, name);
      fields = Arrays.copyOf(fields, fields.length + 1);
      fields[fields.length - 1] = f;
    }
    return f;
  }

  private DistinctSet dimension(String name) {
    DistinctSet d = dimensionOrNull(name);
    if (d == null) {
      d = new DistinctSet();
      dimensions = append(dimensions, name);
      distinct = Arrays.copyOf(distinct, distinct.length + 1);
      distinct[distinct.length - 1] = d;
    }
    return d;
  }

  private static String[] append(String[] a, String v) {
    String[] r = Arrays.copyOf(a, a.length + 1);
    r[a.length] = v;
    return r;
  }

  private static int indexOf(long[] a, long v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** A deep copy. */
  EntityState copy() {
    FieldState[] f = new FieldState[fields.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = fields[i].copy();
    }
    DistinctSet[] d = new DistinctSet[distinct.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = distinct[i].copy();
    }
    return new EntityState(eventCount, firstSeen, lastSeen, sources.clone(), sequences.clone(),
        fieldNames.clone(), f, dimensions.clone(), d);
  }
}
