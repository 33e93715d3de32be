package dev.vigil.engine.internal.store;

import dev.vigil.engine.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Primitives shared by the record codecs: every record starts with a format byte, strings are a
 * 4-byte length plus UTF-8 (no 64 KB limit as with {@code writeUTF}), decimals are scale plus
 * unscaled two's-complement bytes (exact, any precision). Bad bytes on read become a {@link
 * StorageException}: they mean a corrupt store or one written by a newer Vigil.
 */
final class Encoding {

  @FunctionalInterface
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  /** Reads a record body knowing which of the accepted formats it was written in. */
  @FunctionalInterface
  interface VersionedReader<T> {
    T read(DataInputStream in, int format) throws IOException;
  }

  private Encoding() {}

  /**
   * A {@code ByteArrayOutputStream} without its lock per write: a record is written by one thread,
   * and {@code DataOutputStream} writes an int as four single bytes, each a lock (an atomic
   * operation since Java 15 dropped biased locking). On P5 the journal's event encoding fell from
   * 8.7 % to 4.0 % of the samples without them.
   */
  private static final class RecordBuffer extends ByteArrayOutputStream {
    RecordBuffer(int size) {
      super(size);
    }

    @Override
    public void write(int b) {
      ensure(count + 1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      ensure(count + len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    @Override
    public byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }

    private void ensure(int size) {
      if (size > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(size, 2 * buf.length));
      }
    }
  }

  /** A {@code ByteArrayInputStream} without its lock per read, for the same reason. */
  private static final class RecordBytes extends ByteArrayInputStream {
    RecordBytes(byte[] bytes, int offset, int length) {
      super(bytes, offset, length);
    }

    @Override
    public int read() {
      return pos < count ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (pos >= count) {
        return -1;
      }
      int n = Math.min(len, count - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return count - pos;
    }
  }

  static byte[] encode(int format, Writer writer) {
    ByteArrayOutputStream bytes = new RecordBuffer(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(format);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    }
    return bytes.toByteArray();
  }

  /** Reads a record whose leading format byte must be {@code format}. */
  static <T> T decode(byte[] bytes, int format, String what, Reader<T> reader) {
    return decode(bytes, format, format, what, (in, f) -> reader.read(in));
  }

  /** Reads a record whose leading format byte is between {@code oldest} and {@code newest}. */
  static <T> T decode(byte[] bytes, int oldest, int newest, String what, VersionedReader<T> reader) {
    if (bytes == null || bytes.length == 0) {
      throw corrupt(what, "empty record");
    }
    int actual = bytes[0] & 0xff;
    if (actual < oldest || actual > newest) {
      throw corrupt(what, "unknown record format " + actual + " (this version reads " + oldest + " to " + newest + ")");
    }
    try (DataInputStream in = new DataInputStream(new RecordBytes(bytes, 1, bytes.length - 1))) {
      return reader.read(in, actual);
    } catch (IOException | IllegalArgumentException e) {
      throw corrupt(what, e.toString());
    }
  }

  static StorageException corrupt(String what, String detail) {
    return new StorageException("Corrupt " + what + " record in the store: " + detail, null);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  static void writeNullableString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeString(out, s);
    }
  }

  static String readNullableString(DataInputStream in) throws IOException {
    return in.readBoolean() ? readString(in) : null;
  }

  static void writeNullableLong(DataOutputStream out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  static Long readNullableLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  static void writeDecimal(DataOutputStream out, BigDecimal d) throws IOException {
    out.writeInt(d.scale());
    byte[] unscaled = d.unscaledValue().toByteArray();
    out.writeInt(unscaled.length);
    out.write(unscaled);
  }

  static BigDecimal readDecimal(DataInputStream in) throws IOException {
    int scale = in.readInt();
    return new BigDecimal(new BigInteger(readBytes(in)), scale);
  }

  static void writeNullableDecimal(DataOutputStream out, BigDecimal d) throws IOException {
    out.writeBoolean(d != null);
    if (d != null) {
      writeDecimal(out, d);
    }
  }

  static BigDecimal readNullableDecimal(DataInputStream in) throws IOException {
    return in.readBoolean() ? readDecimal(in) : null;
  }

  /** Writes strings in sorted order, so equal sets encode to equal bytes. */
  static void writeSortedStrings(DataOutputStream out, Collection<String> values) throws IOException {
    writeStrings(out, new TreeSet<>(values));
  }

  static void writeStrings(DataOutputStream out, Collection<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      writeString(out, v);
    }
  }

  static List<String> readStrings(DataInputStream in) throws IOException {
    int n = readCount(in);
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(readString(in));
    }
    return values;
  }

  /** A count that must be plausible for the bytes left (each element takes at least one byte). */
  static int readCount(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("implausible element count " + n);
    }
    return n;
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("implausible length " + n);
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }
}
