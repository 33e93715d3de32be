package dev.vigil.engine.internal.store;

import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a {@link RuleHistory} (format 1): id, origin, active version, enabled and deleted
 * flags, then every version (number, author, created-at, source text).
 */
final class RuleHistoryCodec {

  static final int FORMAT = 1;

  private RuleHistoryCodec() {}

  static byte[] encode(RuleHistory r) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, r.id());
          Encoding.writeString(out, r.origin());
          out.writeInt(r.activeVersion());
          out.writeBoolean(r.enabled());
          out.writeBoolean(r.deleted());
          out.writeInt(r.versions().size());
          for (RuleVersion v : r.versions()) {
            out.writeInt(v.version());
            Encoding.writeString(out, v.author());
            out.writeLong(v.createdAt());
            Encoding.writeString(out, v.source());
          }
        });
  }

  static RuleHistory decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "rule",
        in -> {
          String id = Encoding.readString(in);
          String origin = Encoding.readString(in);
          int active = in.readInt();
          boolean enabled = in.readBoolean();
          boolean deleted = in.readBoolean();
          int n = Encoding.readCount(in);
          List<RuleVersion> versions = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            int version = in.readInt();
            String author = Encoding.readString(in);
            long createdAt = in.readLong();
            versions.add(new RuleVersion(version, Encoding.readString(in), author, createdAt));
          }
          return new RuleHistory(id, origin, versions, active, enabled, deleted);
        });
  }
}
