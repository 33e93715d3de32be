package dev.vigil.engine.internal.state;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Explicit Hazelcast serializers (no Java serialization, no reflection): the statistics state in
 * its durable form, the fold processors as Compact. Type names and ids are part of the format:
 * renaming a field here is a schema change.
 */
final class StateSerializers {
  private StateSerializers() {}

  static void register(SerializationConfig config) {
    config.addSerializerConfig(new SerializerConfig().setTypeClass(EntityState.class)
        .setImplementation(new EntityStateSerializer()));
    CompactSerializationConfig compact = config.getCompactSerializationConfig();
    compact.addSerializer(new FoldSerializer());
    compact.addSerializer(new BatchSerializer());
  }

  /**
   * The entity state in its durable form ({@link EntityStateCodec}): one pass over plain arrays,
   * where Compact looked up its schema per field (the largest single cost of writing a shard's
   * batch to the map), and the same bytes the write-through store keeps.
   */
  static final class EntityStateSerializer implements StreamSerializer<EntityState> {
    static final int TYPE_ID = 7_101;

    @Override
    public void write(ObjectDataOutput out, EntityState s) throws java.io.IOException {
      out.writeByteArray(EntityStateCodec.encode(s));
    }

    @Override
    public EntityState read(ObjectDataInput in) throws java.io.IOException {
      return EntityStateCodec.decode(in.readByteArray());
    }

    @Override
    public int getTypeId() {
      return TYPE_ID;
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
