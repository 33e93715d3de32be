package dev.vigil.engine.internal.store;

import dev.vigil.engine.Alert;
import dev.vigil.engine.EntityRef;

/**
 * Binary form of an {@link Alert} (format 1), and of the small entry the time index keeps per
 * alert: the alert id plus the fields queries filter on, so a filtered scan does not have to load
 * every alert it passes over.
 */
final class AlertCodec {

  static final int FORMAT = 1;
  static final int INDEX_FORMAT = 1;

  /** What the time index stores for one alert. */
  record IndexEntry(String alertId, String ruleId, String severity, String entityKey) {}

  private AlertCodec() {}

  static byte[] encode(Alert a) {
    return Encoding.encode(
        FORMAT,
        out -> {
          Encoding.writeString(out, a.alertId());
          Encoding.writeNullableString(out, a.ruleId());
          out.writeInt(a.ruleVersion());
          Encoding.writeNullableString(out, a.severity());
          out.writeBoolean(a.entity() != null);
          if (a.entity() != null) {
            Encoding.writeNullableString(out, a.entity().type());
            Encoding.writeNullableString(out, a.entity().key());
          }
          Encoding.writeNullableLong(out, a.windowStart());
          Encoding.writeNullableLong(out, a.windowEnd());
          out.writeLong(a.matchTime());
          Encoding.writeStrings(out, a.eventIds());
          Encoding.writeNullableString(out, a.message());
          out.writeLong(a.createdAt());
        });
  }

  static Alert decode(byte[] bytes) {
    return Encoding.decode(
        bytes,
        FORMAT,
        "alert",
        in -> {
          String alertId = Encoding.readString(in);
          String ruleId = Encoding.readNullableString(in);
          int ruleVersion = in.readInt();
          String severity = Encoding.readNullableString(in);
          EntityRef entity =
              in.readBoolean()
                  ? new EntityRef(Encoding.readNullableString(in), Encoding.readNullableString(in))
                  : null;
          Long windowStart = Encoding.readNullableLong(in);
          Long windowEnd = Encoding.readNullableLong(in);
          long matchTime = in.readLong();
          var eventIds = Encoding.readStrings(in);
          String message = Encoding.readNullableString(in);
          long createdAt = in.readLong();
          return new Alert(
              alertId, ruleId, ruleVersion, severity, entity, windowStart, windowEnd, matchTime,
              eventIds, message, createdAt);
        });
  }

  static byte[] encodeIndexEntry(Alert a) {
    return Encoding.encode(
        INDEX_FORMAT,
        out -> {
          Encoding.writeString(out, a.alertId());
          Encoding.writeNullableString(out, a.ruleId());
          Encoding.writeNullableString(out, a.severity());
          Encoding.writeNullableString(out, a.entity() == null ? null : a.entity().key());
        });
  }

  static IndexEntry decodeIndexEntry(byte[] bytes) {
    return Encoding.decode(
        bytes,
        INDEX_FORMAT,
        "alert index",
        in ->
            new IndexEntry(
                Encoding.readString(in),
                Encoding.readNullableString(in),
                Encoding.readNullableString(in),
                Encoding.readNullableString(in)));
  }
}
