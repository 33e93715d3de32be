package dev.vigil.engine.internal.store;

import dev.vigil.engine.LateEvent;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Binary form of a late-events log entry (format 1): arrival time first (so retention can read it
 * without decoding the rest), then the watermark and the journaled event in {@link EventCodec}
 * form. The sequence is the key.
 */
final class LateEventCodec {

  static final int FORMAT = 1;

  private LateEventCodec() {}

  static byte[] encode(LateEvent e) {
    byte[] event = EventCodec.encode(e.event());
    return Encoding.encode(
        FORMAT,
        out -> {
          out.writeLong(e.arrivedAt());
          out.writeLong(e.watermark());
          out.writeInt(event.length);
          out.write(event);
        });
  }

  static LateEvent decode(long sequence, byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "late event",
        in -> {
          long arrivedAt = in.readLong();
          long watermark = in.readLong();
          int n = in.readInt();
          if (n < 0 || n > in.available()) {
            throw new IOException("implausible event length " + n);
          }
          byte[] event = new byte[n];
          in.readFully(event);
          return new LateEvent(sequence, EventCodec.decode(event), watermark, arrivedAt);
        });
  }

  /** The arrival time of an encoded entry, read from its fixed position. */
  static long arrivedAt(byte[] bytes) {
    if (bytes.length < 1 + Long.BYTES) {
      throw Encoding.corrupt("late event", "too short");
    }
    return ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
  }
}
