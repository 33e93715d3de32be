package dev.vigil.engine.internal.store;

import dev.vigil.engine.SigningSecret;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionFilter;
import dev.vigil.engine.SubscriptionState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Binary form of a {@link Subscription}, signing secrets included in clear. Format 2 appends the
 * filter's webhook event types; format-1 records read with none (= {@code alert.created} only).
 */
final class SubscriptionCodec {

  static final int FORMAT = 2;

  private SubscriptionCodec() {}

  static byte[] encode(Subscription s) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, s.id());
          Encoding.writeString(out, s.url());
          Encoding.writeNullableString(out, s.description());
          writeFilter(out, s.filter());
          out.writeInt(s.secrets().size());
          for (SigningSecret secret : s.secrets()) {
            Encoding.writeString(out, secret.value());
            out.writeLong(secret.createdAt());
            Encoding.writeNullableLong(out, secret.expiresAt());
          }
          out.writeByte(s.state().ordinal());
          Encoding.writeNullableString(out, s.disabledReason());
          out.writeLong(s.createdAt());
          out.writeLong(s.updatedAt());
          Encoding.writeNullableLong(out, s.failingSince());
          Encoding.writeSortedStrings(out, s.filter().events());
        });
  }

  static Subscription decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        1,
        FORMAT,
        "subscription",
        (in, format) -> {
          String id = Encoding.readString(in);
          String url = Encoding.readString(in);
          String description = Encoding.readNullableString(in);
          SubscriptionFilter filter = readFilter(in);
          int n = Encoding.readCount(in);
          List<SigningSecret> secrets = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            secrets.add(new SigningSecret(Encoding.readString(in), in.readLong(), Encoding.readNullableLong(in)));
          }
          SubscriptionState state = SubscriptionState.values()[in.readByte()];
          String reason = Encoding.readNullableString(in);
          long createdAt = in.readLong();
          long updatedAt = in.readLong();
          Long failingSince = Encoding.readNullableLong(in);
          if (format >= 2) {
            filter = filter.withEvents(new HashSet<>(Encoding.readStrings(in)));
          }
          return new Subscription(
              id, url, description, filter, secrets, state, reason, createdAt, updatedAt, failingSince);
        });
  }

  private static void writeFilter(DataOutputStream out, SubscriptionFilter f) throws IOException {
    Encoding.writeSortedStrings(out, f.rules());
    Encoding.writeSortedStrings(out, f.severities());
    Encoding.writeSortedStrings(out, f.tags());
    Encoding.writeSortedStrings(out, f.entityTypes());
  }

  private static SubscriptionFilter readFilter(DataInputStream in) throws IOException {
    return new SubscriptionFilter(
        new HashSet<>(Encoding.readStrings(in)),
        new HashSet<>(Encoding.readStrings(in)),
        new HashSet<>(Encoding.readStrings(in)),
        new HashSet<>(Encoding.readStrings(in)));
  }
}
