package dev.vigil.engine.internal.store;

import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldFormat;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Binary form of an {@link EventType} declaration. Format 2 appends the allowed lateness (nullable
 * milliseconds); format 1 records (written before lateness existed) still read, with the default
 * lateness. Enum constants are stored by name, not ordinal, so adding a {@link FieldType} or
 * {@link FieldFormat} later keeps old records readable.
 */
final class EventTypeCodec {

  static final int FORMAT = 2;
  static final int FORMAT_WITHOUT_LATENESS = 1;

  private EventTypeCodec() {}

  static byte[] encode(EventType t) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, t.name());
          out.writeBoolean(t.builtIn());
          out.writeInt(t.fields().size());
          for (FieldSpec f : t.fields()) {
            writeField(out, f);
          }
          Encoding.writeNullableLong(out, t.lateness() == null ? null : t.lateness().toMillis());
        });
  }

  static EventType decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT_WITHOUT_LATENESS,
        FORMAT,
        "event type",
        (in, format) -> {
          String name = Encoding.readString(in);
          boolean builtIn = in.readBoolean();
          int n = Encoding.readCount(in);
          List<FieldSpec> fields = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            fields.add(readField(in));
          }
          Long lateness = format >= 2 ? Encoding.readNullableLong(in) : null;
          return new EventType(name, fields, builtIn, lateness == null ? null : Duration.ofMillis(lateness));
        });
  }

  private static void writeField(DataOutputStream out, FieldSpec f) throws IOException {
    Encoding.writeString(out, f.name());
    Encoding.writeString(out, f.type().name());
    out.writeBoolean(f.required());
    out.writeBoolean(f.key());
    Encoding.writeString(out, f.format().name());
    Encoding.writeNullableDecimal(out, f.min());
    out.writeBoolean(f.allowed() != null);
    if (f.allowed() != null) {
      Encoding.writeSortedStrings(out, f.allowed());
    }
  }

  private static FieldSpec readField(DataInputStream in) throws IOException {
    String name = Encoding.readString(in);
    FieldType type = FieldType.valueOf(Encoding.readString(in));
    boolean required = in.readBoolean();
    boolean key = in.readBoolean();
    FieldFormat format = FieldFormat.valueOf(Encoding.readString(in));
    BigDecimal min = Encoding.readNullableDecimal(in);
    Set<String> allowed = in.readBoolean() ? new HashSet<>(Encoding.readStrings(in)) : null;
    return new FieldSpec(name, type, required, key, format, min, allowed);
  }
}
