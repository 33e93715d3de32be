package dev.vigil.engine.internal.store;

import dev.vigil.engine.ApiKeyRecord;
import java.util.HashSet;

/** Binary form of an {@link ApiKeyRecord} (format 1). Only the secret's hash is ever stored. */
final class ApiKeyCodec {

  static final int FORMAT = 1;

  private ApiKeyCodec() {}

  static byte[] encode(ApiKeyRecord k) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, k.id());
          Encoding.writeNullableString(out, k.name());
          Encoding.writeSortedStrings(out, k.scopes());
          Encoding.writeNullableString(out, k.secretHash());
          out.writeLong(k.createdAt());
          Encoding.writeNullableLong(out, k.revokedAt());
        });
  }

  static ApiKeyRecord decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "API key",
        in ->
            new ApiKeyRecord(
                Encoding.readString(in),
                Encoding.readNullableString(in),
                new HashSet<>(Encoding.readStrings(in)),
                Encoding.readNullableString(in),
                in.readLong(),
                Encoding.readNullableLong(in)));
  }
}
