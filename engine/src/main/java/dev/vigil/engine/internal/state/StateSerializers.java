package dev.vigil.engine.internal.state;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Explicit Hazelcast Compact serializers for the statistics state and the fold processor (no
 * Java serialization, no reflection). Type names are part of the stored format: renaming a field
 * here is a schema change.
 */
final class StateSerializers {
  private StateSerializers() {}

  static void register(CompactSerializationConfig config) {
    config.addSerializer(new EntityStateSerializer());
    config.addSerializer(new FieldStateSerializer());
    config.addSerializer(new DistinctSetSerializer());
    config.addSerializer(new FoldSerializer());
    config.addSerializer(new BatchSerializer());
  }

  static final class EntityStateSerializer implements CompactSerializer<EntityState> {
    @Override
    public EntityState read(CompactReader in) {
      return new EntityState(in.readInt64("eventCount"), in.readInt64("firstSeen"), in.readInt64("lastSeen"),
          in.readArrayOfInt64("sources"), in.readArrayOfInt64("sequences"),
          in.readArrayOfString("fieldNames"), in.readArrayOfCompact("fields", FieldState.class),
          in.readArrayOfString("dimensions"), in.readArrayOfCompact("distinct", DistinctSet.class));
    }

    @Override
    public void write(CompactWriter out, EntityState s) {
      out.writeInt64("eventCount", s.eventCount);
      out.writeInt64("firstSeen", s.firstSeen);
      out.writeInt64("lastSeen", s.lastSeen);
      out.writeArrayOfInt64("sources", s.sources);
      out.writeArrayOfInt64("sequences", s.sequences);
      out.writeArrayOfString("fieldNames", s.fieldNames);
      out.writeArrayOfCompact("fields", s.fields);
      out.writeArrayOfString("dimensions", s.dimensions);
      out.writeArrayOfCompact("distinct", s.distinct);
    }

    @Override
    public String getTypeName() {
      return "vigil.EntityState";
    }

    @Override
    public Class<EntityState> getCompactClass() {
      return EntityState.class;
    }
  }

  static final class FieldStateSerializer implements CompactSerializer<FieldState> {
    @Override
    public FieldState read(CompactReader in) {
      Moments m = new Moments(in.readInt64("count"), in.readFloat64("mean"), in.readFloat64("m2"));
      return new FieldState(m, in.readFloat64("min"), in.readFloat64("max"), in.readFloat64("decayedSum"),
          in.readFloat64("decayedWeight"), in.readInt64("decayedAt"), buckets(in, "h", Buckets.HOUR, 24),
          buckets(in, "d", Buckets.DAY, 30));
    }

    @Override
    public void write(CompactWriter out, FieldState f) {
      out.writeInt64("count", f.lifetime.count);
      out.writeFloat64("mean", f.lifetime.mean);
      out.writeFloat64("m2", f.lifetime.m2);
      out.writeFloat64("min", f.min);
      out.writeFloat64("max", f.max);
      out.writeFloat64("decayedSum", f.decayedSum);
      out.writeFloat64("decayedWeight", f.decayedWeight);
      out.writeInt64("decayedAt", f.decayedAt);
      buckets(out, "h", f.hourly);
      buckets(out, "d", f.daily);
    }

    private static Buckets buckets(CompactReader in, String p, long width, int span) {
      return new Buckets(width, span, in.readArrayOfInt32(p + "Ids"), in.readArrayOfInt32(p + "Counts"),
          in.readArrayOfFloat64(p + "Means"), in.readArrayOfFloat64(p + "M2s"));
    }

    private static void buckets(CompactWriter out, String p, Buckets b) {
      out.writeArrayOfInt32(p + "Ids", b.ids);
      out.writeArrayOfInt32(p + "Counts", b.counts);
      out.writeArrayOfFloat64(p + "Means", b.means);
      out.writeArrayOfFloat64(p + "M2s", b.m2s);
    }

    @Override
    public String getTypeName() {
      return "vigil.FieldState";
    }

    @Override
    public Class<FieldState> getCompactClass() {
      return FieldState.class;
    }
  }

  static final class DistinctSetSerializer implements CompactSerializer<DistinctSet> {
    @Override
    public DistinctSet read(CompactReader in) {
      return new DistinctSet(in.readArrayOfInt64("hashes"), in.readArrayOfInt32("days"), in.readArrayOfInt8("hll"));
    }

    @Override
    public void write(CompactWriter out, DistinctSet d) {
      out.writeArrayOfInt64("hashes", d.hashes);
      out.writeArrayOfInt32("days", d.days);
      out.writeArrayOfInt8("hll", d.hll);
    }

    @Override
    public String getTypeName() {
      return "vigil.DistinctSet";
    }

    @Override
    public Class<DistinctSet> getCompactClass() {
      return DistinctSet.class;
    }
  }

  static final class FoldSerializer implements CompactSerializer<FoldProcessor> {
    @Override
    public FoldProcessor read(CompactReader in) {
      return new FoldProcessor(in.readInt64("source"), in.readInt64("sequence"), in.readInt64("floor"),
          in.readInt64("time"),
          in.readArrayOfString("names"), in.readArrayOfFloat64("values"), in.readArrayOfString("dims"),
          in.readArrayOfInt64("hashes"), in.readBoolean("wantBefore"));
    }

    @Override
    public void write(CompactWriter out, FoldProcessor f) {
      out.writeInt64("source", f.source);
      out.writeInt64("sequence", f.sequence);
      out.writeInt64("floor", f.floor);
      out.writeInt64("time", f.time);
      out.writeArrayOfString("names", f.names);
      out.writeArrayOfFloat64("values", f.values);
      out.writeArrayOfString("dims", f.dims);
      out.writeArrayOfInt64("hashes", f.hashes);
      out.writeBoolean("wantBefore", f.wantBefore);
    }

    @Override
    public String getTypeName() {
      return "vigil.Fold";
    }

    @Override
    public Class<FoldProcessor> getCompactClass() {
      return FoldProcessor.class;
    }
  }

  static final class BatchSerializer implements CompactSerializer<BatchFold> {
    @Override
    public BatchFold read(CompactReader in) {
      return new BatchFold(in.readArrayOfString("keys"), in.readArrayOfCompact("folds", FoldProcessor.class));
    }

    @Override
    public void write(CompactWriter out, BatchFold b) {
      out.writeArrayOfString("keys", b.keys);
      out.writeArrayOfCompact("folds", b.folds);
    }

    @Override
    public String getTypeName() {
      return "vigil.BatchFold";
    }

    @Override
    public Class<BatchFold> getCompactClass() {
      return BatchFold.class;
    }
  }
}
