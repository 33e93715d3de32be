package dev.vigil.api.ingest;

/**
 * Strict UTF-8 validation (RFC 3629): rejects overlong forms, surrogates and code points above
 * U+10FFFF. Done before Jackson sees the bytes so that the error names the exact byte offset.
 */
final class Utf8 {
  private Utf8() {}

  /** Offset of the first byte of the first invalid sequence in {@code [from, to)}, or -1. */
  static int firstInvalid(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + len > to) {
        return i;
      }
      int cp = c & (0xFF >> (len + 1));
      for (int k = 1; k < len; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += len;
    }
    return -1;
  }
}
