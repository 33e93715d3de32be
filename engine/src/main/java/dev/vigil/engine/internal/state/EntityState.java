package dev.vigil.engine.internal.state;

import java.util.Arrays;

/**
 * Everything kept about one entity (e.g. {@code user_id:u1}): event count, first and last event
 * time, per numeric field a {@link FieldState} (named {@code type.field}, e.g. {@code
 * transaction.amount}), per distinct dimension a {@link DistinctSet}, and the idempotency marks:
 * the (source, journal sequence) pairs folded in above that source's floor (its persisted applied
 * checkpoint: a sequence at or below it is fully processed and never replayed, so it is skipped
 * without being remembered). Folds may arrive in any sequence order (the shards evaluate in event
 * time), so a set is kept rather than a high-water mark; it holds the entity's events since the
 * last checkpoint, usually none to a few.
 *
 * <p>Mutated only inside {@link FoldProcessor} at the partition owner (and its backups), or by the
 * shard that owns it ({@link OwnedEntities}), so it
 * needs no locking; stored in its durable form (see {@link StateSerializers}).
 */
final class EntityState {
  long eventCount;
  long firstSeen;
  long lastSeen;
  /** The idempotency marks: the first {@link #marks} entries; spare room so a fold does not reallocate. */
  long[] sources;
  long[] sequences;
  int marks;
  /** The largest sequence among the marks: a fold above it is not held, without a scan. Derived. */
  private long newest = Long.MIN_VALUE;
  /**
   * The source and floor the marks were last compacted for: the floor moves only when the applied
   * checkpoint is persisted (once a second), while a hot entity is folded thousands of times a
   * second with as many marks; compacting on every fold was ~8 % of the shards' time over HTTP
   * (docs/performance.md, eighth pass). Derived, not stored.
   */
  private long compactedSource;
  private long compactedFloor = Long.MIN_VALUE;
  String[] fieldNames;
  FieldState[] fields;
  String[] dimensions;
  DistinctSet[] distinct;
  /** Changed since its owner's last write ({@link OwnedEntities}); not part of the state. */
  boolean unsaved;
  /** The owner's flush count when last used, for eviction ({@link OwnedEntities}); not part of the state. */
  int used;

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
    this.marks = sources.length;
    for (long q : sequences) {
      newest = Math.max(newest, q);
    }
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
  boolean apply(long source, long sequence, long floor, long time, String[] names, double[] values,
      String[] dims, long[] hashes) {
    return apply(source, sequence, floor, time, names, values, names.length, dims, hashes, dims.length);
  }

  /** As above, with the first {@code fieldCount} names and values and {@code dimCount} dimensions. */
  boolean apply(long source, long sequence, long floor, long time, String[] names, double[] values,
      int fieldCount, String[] dims, long[] hashes, int dimCount) {
    if (sequence <= floor) {
      return false;
    }
    if (holds(source, sequence)) {
      return false;
    }
    if (source != compactedSource || floor != compactedFloor) {
      compact(source, floor);
    }
    int kept = marks;
    if (kept == sources.length) { // grow by doubling
      roomForMarks(kept);
    }
    sources[kept] = source;
    sequences[kept] = sequence;
    marks = kept + 1;
    newest = Math.max(newest, sequence);
    eventCount++;
    firstSeen = Math.min(firstSeen, time);
    lastSeen = Math.max(lastSeen, time);
    for (int i = 0; i < fieldCount; i++) {
      field(names[i]).add(time, values[i]);
    }
    for (int i = 0; i < dimCount; i++) {
      dimension(dims[i]).add(hashes[i], time);
    }
    return true;
  }

  /**
   * Drops this source's marks at or below its floor; shrinks the arrays once a burst of marks is
   * below it (no dead room kept).
   */
  private void compact(long source, long floor) {
    int kept = 0;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < marks; i++) {
      if (sources[i] != source || sequences[i] > floor) {
        sources[kept] = sources[i];
        sequences[kept] = sequences[i];
        max = Math.max(max, sequences[kept]);
        kept++;
      }
    }
    marks = kept;
    newest = max;
    compactedSource = source;
    compactedFloor = floor;
    if (sources.length > 16 && kept < sources.length / 4) {
      roomForMarks(kept);
    }
  }

  /** Resizes the marks' arrays to twice {@code kept} (at least four). */
  private void roomForMarks(int kept) {
    sources = Arrays.copyOf(sources, Math.max(4, 2 * kept));
    sequences = Arrays.copyOf(sequences, sources.length);
  }

  /** Whether the fold (source, sequence) is among the marks (applied above the floor). */
  boolean holds(long source, long sequence) {
    if (sequence > newest) {
      return false; // the usual case: a new event
    }
    for (int i = 0; i < marks; i++) {
      if (sources[i] == source && sequences[i] == sequence) {
        return true;
      }
    }
    return false;
  }

  /** The sources of the marks (a copy of the used part). */
  long[] markSources() {
    return Arrays.copyOf(sources, marks);
  }

  /** The sequences of the marks (a copy of the used part). */
  long[] markSequences() {
    return Arrays.copyOf(sequences, marks);
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
    return new EntityState(eventCount, firstSeen, lastSeen, markSources(), markSequences(),
        fieldNames.clone(), f, dimensions.clone(), d);
  }
}
