package dev.vigil.engine.internal.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The durable form of an {@link EntityState} (what {@link EntityMapStore} writes to the node's
 * store, and the value of the member's map): a version byte, then every field in a fixed order
 * with length-prefixed arrays, big-endian, names in modified UTF-8 (the layout of {@code
 * DataOutputStream}). Written in one pass into an array of the exact size. Not Compact on purpose:
 * Compact data needs the member's schema registry to be read back, which a restarted member does
 * not have yet.
 */
final class EntityStateCodec {
  private static final int VERSION = 1;

  private EntityStateCodec() {}

  static byte[] encode(EntityState s) {
    ByteBuffer out = ByteBuffer.allocate(size(s));
    out.put((byte) VERSION);
    out.putLong(s.eventCount);
    out.putLong(s.firstSeen);
    out.putLong(s.lastSeen);
    longs(out, s.sources, s.marks);
    longs(out, s.sequences, s.marks);
    out.putInt(s.fields.length);
    for (int i = 0; i < s.fields.length; i++) {
      utf(out, s.fieldNames[i]);
      field(out, s.fields[i]);
    }
    out.putInt(s.distinct.length);
    for (int i = 0; i < s.distinct.length; i++) {
      utf(out, s.dimensions[i]);
      longs(out, s.distinct[i].hashes, s.distinct[i].hashes.length);
      ints(out, s.distinct[i].days);
      byte[] hll = s.distinct[i].hll;
      out.putInt(hll == null ? -1 : hll.length);
      if (hll != null) {
        out.put(hll);
      }
    }
    return out.array();
  }

  private static int size(EntityState s) {
    int n = 1 + 3 * 8 + 4 + 16 * s.marks + 4 + 4;
    for (int i = 0; i < s.fields.length; i++) {
      FieldState f = s.fields[i];
      n += utfSize(s.fieldNames[i]) + 8 * 8 + buckets(f.hourly) + buckets(f.daily);
    }
    n += 4;
    for (int i = 0; i < s.distinct.length; i++) {
      DistinctSet d = s.distinct[i];
      n += utfSize(s.dimensions[i]) + 4 + 8 * d.hashes.length + 4 + 4 * d.days.length + 4
          + (d.hll == null ? 0 : d.hll.length);
    }
    return n;
  }

  private static int buckets(Buckets b) {
    return 16 + 4 * b.ids.length + 4 * b.counts.length + 8 * b.means.length + 8 * b.m2s.length;
  }

  static EntityState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int version = in.get() & 0xff;
      if (version != VERSION) {
        throw new IllegalStateException("unknown entity statistics format " + version);
      }
      long count = in.getLong();
      long first = in.getLong();
      long last = in.getLong();
      long[] sources = longs(in);
      long[] sequences = longs(in);
      int nf = in.getInt();
      String[] names = new String[nf];
      FieldState[] fields = new FieldState[nf];
      for (int i = 0; i < nf; i++) {
        names[i] = utf(in);
        fields[i] = field(in);
      }
      int nd = in.getInt();
      String[] dims = new String[nd];
      DistinctSet[] distinct = new DistinctSet[nd];
      for (int i = 0; i < nd; i++) {
        dims[i] = utf(in);
        long[] hashes = longs(in);
        int[] days = ints(in);
        int hllLength = in.getInt();
        byte[] hll = null;
        if (hllLength >= 0) {
          hll = new byte[hllLength];
          in.get(hll);
        }
        distinct[i] = new DistinctSet(hashes, days, hll);
      }
      return new EntityState(count, first, last, sources, sequences, names, fields, dims, distinct);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalStateException("truncated entity statistics record", e);
    }
  }

  private static void field(ByteBuffer out, FieldState f) {
    out.putLong(f.lifetime.count);
    out.putDouble(f.lifetime.mean);
    out.putDouble(f.lifetime.m2);
    out.putDouble(f.min);
    out.putDouble(f.max);
    out.putDouble(f.decayedSum);
    out.putDouble(f.decayedWeight);
    out.putLong(f.decayedAt);
    buckets(out, f.hourly);
    buckets(out, f.daily);
  }

  private static FieldState field(ByteBuffer in) {
    Moments m = new Moments(in.getLong(), in.getDouble(), in.getDouble());
    return new FieldState(m, in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), in.getLong(),
        buckets(in, Buckets.HOUR, 24), buckets(in, Buckets.DAY, 30));
  }

  private static void buckets(ByteBuffer out, Buckets b) {
    ints(out, b.ids);
    ints(out, b.counts);
    doubles(out, b.means);
    doubles(out, b.m2s);
  }

  private static Buckets buckets(ByteBuffer in, long width, int span) {
    return new Buckets(width, span, ints(in), ints(in), doubles(in), doubles(in));
  }

  private static void longs(ByteBuffer out, long[] a, int length) {
    out.putInt(length);
    out.asLongBuffer().put(a, 0, length);
    out.position(out.position() + 8 * length);
  }

  private static long[] longs(ByteBuffer in) {
    long[] a = new long[in.getInt()];
    in.asLongBuffer().get(a);
    in.position(in.position() + 8 * a.length);
    return a;
  }

  private static void ints(ByteBuffer out, int[] a) {
    out.putInt(a.length);
    out.asIntBuffer().put(a);
    out.position(out.position() + 4 * a.length);
  }

  private static int[] ints(ByteBuffer in) {
    int[] a = new int[in.getInt()];
    in.asIntBuffer().get(a);
    in.position(in.position() + 4 * a.length);
    return a;
  }

  private static void doubles(ByteBuffer out, double[] a) {
    out.putInt(a.length);
    out.asDoubleBuffer().put(a);
    out.position(out.position() + 8 * a.length);
  }

  private static double[] doubles(ByteBuffer in) {
    double[] a = new double[in.getInt()];
    in.asDoubleBuffer().get(a);
    in.position(in.position() + 8 * a.length);
    return a;
  }

  /** Modified UTF-8 with a two-byte length, as {@code DataOutput.writeUTF}. */
  private static void utf(ByteBuffer out, String s) {
    out.putShort((short) (utfSize(s) - 2));
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 1 && c <= 0x7f) {
        out.put((byte) c);
      } else if (c <= 0x7ff) {
        out.put((byte) (0xc0 | (c >> 6)));
        out.put((byte) (0x80 | (c & 0x3f)));
      } else {
        out.put((byte) (0xe0 | (c >> 12)));
        out.put((byte) (0x80 | ((c >> 6) & 0x3f)));
        out.put((byte) (0x80 | (c & 0x3f)));
      }
    }
  }

  private static int utfSize(String s) {
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 1 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
    }
    if (n - 2 > 0xffff) {
      throw new IllegalArgumentException("name too long for the statistics record: " + s.length() + " chars");
    }
    return n;
  }

  private static String utf(ByteBuffer in) {
    int length = in.getShort() & 0xffff;
    char[] chars = new char[length];
    int end = in.position() + length;
    int n = 0;
    while (in.position() < end) {
      int a = in.get() & 0xff;
      if (a < 0x80) {
        chars[n++] = (char) a;
      } else if ((a & 0xe0) == 0xc0) {
        chars[n++] = (char) (((a & 0x1f) << 6) | (in.get() & 0x3f));
      } else {
        chars[n++] = (char) (((a & 0x0f) << 12) | ((in.get() & 0x3f) << 6) | (in.get() & 0x3f));
      }
    }
    return new String(chars, 0, n);
  }
}
