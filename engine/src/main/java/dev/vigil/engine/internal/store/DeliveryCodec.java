package dev.vigil.engine.internal.store;

import dev.vigil.engine.AlertLifecycle;
import dev.vigil.engine.AlertStatus;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary forms of a {@link Delivery} and an {@link AlertLifecycle} (format 1 each), and the
 * delivery key: subscription id, a 0x00 separator, alert id (ids never contain 0x00), so one
 * subscription's deliveries are one key range.
 */
final class DeliveryCodec {

  static final int FORMAT = 1;
  static final int LIFECYCLE_FORMAT = 1;

  private DeliveryCodec() {}

  static byte[] key(String subscriptionId, String alertId) {
    byte[] sub = Keys.utf8(subscriptionId);
    byte[] alert = Keys.utf8(alertId);
    return ByteBuffer.allocate(sub.length + 1 + alert.length).put(sub).put((byte) 0).put(alert).array();
  }

  /** The key prefix of one subscription's deliveries. */
  static byte[] prefix(String subscriptionId) {
    byte[] sub = Keys.utf8(subscriptionId);
    return ByteBuffer.allocate(sub.length + 1).put(sub).put((byte) 0).array();
  }

  static byte[] encode(Delivery d) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, d.subscriptionId());
          Encoding.writeString(out, d.alertId());
          out.writeByte(d.state().ordinal());
          out.writeInt(d.attempts());
          out.writeLong(d.createdAt());
          Encoding.writeNullableLong(out, d.nextAttemptAt());
          Encoding.writeNullableLong(out, d.lastAttemptAt());
          Encoding.writeNullableLong(out, d.lastStatus() == null ? null : d.lastStatus().longValue());
          Encoding.writeNullableString(out, d.lastError());
          Encoding.writeNullableLong(out, d.lastLatencyMillis());
        });
  }

  static Delivery decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "delivery",
        in -> {
          String sub = Encoding.readString(in);
          String alert = Encoding.readString(in);
          DeliveryState state = DeliveryState.values()[in.readByte()];
          int attempts = in.readInt();
          long createdAt = in.readLong();
          Long next = Encoding.readNullableLong(in);
          Long last = Encoding.readNullableLong(in);
          Long status = Encoding.readNullableLong(in);
          String error = Encoding.readNullableString(in);
          Long latency = Encoding.readNullableLong(in);
          return new Delivery(sub, alert, state, attempts, createdAt, next, last,
              status == null ? null : status.intValue(), error, latency);
        });
  }

  static byte[] encode(AlertLifecycle l) {
    return Encoding.encode(
        LIFECYCLE_FORMAT,
        out -> {
          Encoding.writeString(out, l.alertId());
          out.writeByte(l.status().ordinal());
          Encoding.writeNullableString(out, l.acknowledgedBy());
          Encoding.writeNullableLong(out, l.acknowledgedAt());
          Encoding.writeNullableString(out, l.resolvedBy());
          Encoding.writeNullableLong(out, l.resolvedAt());
        });
  }

  static AlertLifecycle decodeLifecycle(byte[] bytes) {
    return Encoding.decode(
        bytes,
        LIFECYCLE_FORMAT,
        "alert status",
        in -> new AlertLifecycle(
            Encoding.readString(in),
            AlertStatus.values()[in.readByte()],
            Encoding.readNullableString(in),
            Encoding.readNullableLong(in),
            Encoding.readNullableString(in),
            Encoding.readNullableLong(in)));
  }

  static String alertIdOf(byte[] key, int prefixLength) {
    return new String(key, prefixLength, key.length - prefixLength, StandardCharsets.UTF_8);
  }
}
