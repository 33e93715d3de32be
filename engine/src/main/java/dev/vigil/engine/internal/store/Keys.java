package dev.vigil.engine.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Key layouts. RocksDB orders keys as unsigned bytes, so numbers are written big-endian with the
 * sign bit flipped where they can be negative: then byte order equals numeric order.
 *
 * <ul>
 *   <li>journal: 8-byte sequence number (starts at 1)
 *   <li>late_events: 8-byte journal sequence
 *   <li>alerts_by_time: 8-byte createdAt (sign-flipped) + 8-byte insertion sequence (starts at 1)
 *   <li>dedup, alerts, api_keys, event_types, meta: the UTF-8 id or name
 * </ul>
 *
 * <p>An alert query cursor is the URL-safe base64 (no padding) of a time-index key.
 */
final class Keys {

  static final int TIME_KEY_LENGTH = 16;

  private Keys() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }

  static long longOf(byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      throw Encoding.corrupt("number", "expected 8 bytes, found " + bytes.length);
    }
    return ByteBuffer.wrap(bytes).getLong();
  }

  static byte[] timeKey(long createdAt, long seq) {
    return ByteBuffer.allocate(TIME_KEY_LENGTH).putLong(createdAt ^ Long.MIN_VALUE).putLong(seq).array();
  }

  static long createdAtOf(byte[] timeKey) {
    return ByteBuffer.wrap(timeKey).getLong() ^ Long.MIN_VALUE;
  }

  static String cursorOf(byte[] timeKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(timeKey);
  }

  /** @throws IllegalArgumentException when {@code cursor} is not one this store handed out */
  static byte[] timeKeyOf(String cursor) {
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor: not URL-safe base64", e);
    }
    if (key.length != TIME_KEY_LENGTH) {
      throw new IllegalArgumentException("malformed cursor: wrong length");
    }
    return key;
  }
}
