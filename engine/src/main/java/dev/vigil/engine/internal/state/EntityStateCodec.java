package dev.vigil.engine.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The durable form of an {@link EntityState} (what {@link EntityMapStore} writes to the node's
 * store): a version byte, then every field in a fixed order with length-prefixed arrays. Kept
 * apart from the Compact serializers on purpose: Compact data needs the member's schema registry
 * to be read back, which a restarted member does not have yet.
 */
final class EntityStateCodec {
  private static final int VERSION = 1;

  private EntityStateCodec() {}

  static byte[] encode(EntityState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(s.eventCount);
      out.writeLong(s.firstSeen);
      out.writeLong(s.lastSeen);
      longs(out, s.sources);
      longs(out, s.sequences);
      out.writeInt(s.fields.length);
      for (int i = 0; i < s.fields.length; i++) {
        out.writeUTF(s.fieldNames[i]);
        field(out, s.fields[i]);
      }
      out.writeInt(s.distinct.length);
      for (int i = 0; i < s.distinct.length; i++) {
        out.writeUTF(s.dimensions[i]);
        longs(out, s.distinct[i].hashes);
        ints(out, s.distinct[i].days);
        byte[] hll = s.distinct[i].hll;
        out.writeInt(hll == null ? -1 : hll.length);
        if (hll != null) {
          out.write(hll);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static EntityState decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown entity statistics format " + version);
      }
      long count = in.readLong();
      long first = in.readLong();
      long last = in.readLong();
      long[] sources = longs(in);
      long[] sequences = longs(in);
      int nf = in.readInt();
      String[] names = new String[nf];
      FieldState[] fields = new FieldState[nf];
      for (int i = 0; i < nf; i++) {
        names[i] = in.readUTF();
        fields[i] = field(in);
      }
      int nd = in.readInt();
      String[] dims = new String[nd];
      DistinctSet[] distinct = new DistinctSet[nd];
      for (int i = 0; i < nd; i++) {
        dims[i] = in.readUTF();
        long[] hashes = longs(in);
        int[] days = ints(in);
        int hllLength = in.readInt();
        byte[] hll = hllLength < 0 ? null : in.readNBytes(hllLength);
        distinct[i] = new DistinctSet(hashes, days, hll);
      }
      return new EntityState(count, first, last, sources, sequences, names, fields, dims, distinct);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void field(DataOutputStream out, FieldState f) throws IOException {
    out.writeLong(f.lifetime.count);
    out.writeDouble(f.lifetime.mean);
    out.writeDouble(f.lifetime.m2);
    out.writeDouble(f.min);
    out.writeDouble(f.max);
    out.writeDouble(f.decayedSum);
    out.writeDouble(f.decayedWeight);
    out.writeLong(f.decayedAt);
    buckets(out, f.hourly);
    buckets(out, f.daily);
  }

  private static FieldState field(DataInputStream in) throws IOException {
    Moments m = new Moments(in.readLong(), in.readDouble(), in.readDouble());
    return new FieldState(m, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(),
        buckets(in, Buckets.HOUR, 24), buckets(in, Buckets.DAY, 30));
  }

  private static void buckets(DataOutputStream out, Buckets b) throws IOException {
    ints(out, b.ids);
    ints(out, b.counts);
    doubles(out, b.means);
    doubles(out, b.m2s);
  }

  private static Buckets buckets(DataInputStream in, long width, int span) throws IOException {
    return new Buckets(width, span, ints(in), ints(in), doubles(in), doubles(in));
  }

  private static void longs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  private static long[] longs(DataInputStream in) throws IOException {
    long[] a = new long[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readLong();
    }
    return a;
  }

  private static void ints(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int v : a) {
      out.writeInt(v);
    }
  }

  private static int[] ints(DataInputStream in) throws IOException {
    int[] a = new int[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  private static void doubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double v : a) {
      out.writeDouble(v);
    }
  }

  private static double[] doubles(DataInputStream in) throws IOException {
    double[] a = new double[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }
}
