package dev.vigil.engine.internal.store;

import dev.vigil.engine.Event;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of an {@link Event} for the journal (format 1): id, type, timestamp, then fields and
 * attributes as tagged values. Values are {@code null}, String, BigDecimal (exact), Long,
 * Boolean, List or Map with String keys, nested to any depth; map order is kept. Integer, Short,
 * Byte and BigInteger are widened to Long / BigDecimal; any other type is refused with an
 * {@link IllegalArgumentException} (the event model does not allow it).
 */
final class EventCodec {

  static final int FORMAT = 1;

  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int DECIMAL = 2;
  private static final int LONG = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  private static final int LIST = 6;
  private static final int MAP = 7;

  private EventCodec() {}

  static byte[] encode(Event e) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, e.id());
          Encoding.writeString(out, e.type());
          out.writeLong(e.timestamp());
          writeMap(out, e.fields());
          writeMap(out, e.attributes());
        });
  }

  static Event decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "event",
        in -> {
          String id = Encoding.readString(in);
          String type = Encoding.readString(in);
          long timestamp = in.readLong();
          Map<String, Object> fields = readMap(in);
          Map<String, Object> attributes = readMap(in);
          return new Event(id, type, timestamp, fields, attributes);
        });
  }

  private static void writeMap(DataOutputStream out, Map<?, ?> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException("event map keys must be strings, got " + entry.getKey());
      }
      Encoding.writeString(out, key);
      writeValue(out, entry.getValue());
    }
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      Encoding.writeString(out, s);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      Encoding.writeDecimal(out, d);
    } else if (v instanceof BigInteger i) {
      out.writeByte(DECIMAL);
      Encoding.writeDecimal(out, new BigDecimal(i));
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.writeByte(LONG);
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object item : list) {
        writeValue(out, item);
      }
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      writeMap(out, map);
    } else {
      throw new IllegalArgumentException(
          "unsupported event value type " + v.getClass().getName() + " (allowed: String, BigDecimal,"
              + " Long, Boolean, List, Map, null)");
    }
  }

  private static Map<String, Object> readMap(DataInputStream in) throws IOException {
    int n = Encoding.readCount(in);
    Map<String, Object> map = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String key = Encoding.readString(in);
      map.put(key, readValue(in));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return Encoding.readString(in);
      case DECIMAL:
        return Encoding.readDecimal(in);
      case LONG:
        return in.readLong();
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case LIST:
        return readList(in);
      case MAP:
        return readMap(in);
      default:
        throw new IOException("unknown value tag " + tag);
    }
  }

  private static List<Object> readList(DataInputStream in) throws IOException {
    int n = Encoding.readCount(in);
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readValue(in));
    }
    return Collections.unmodifiableList(list);
  }
}
