package dev.vigil.engine.internal.store;

import dev.vigil.engine.Decision;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a {@link Decision} in {@code decisions}: format byte 1, then event id, type,
 * decision name, version, outcome, score, reasons (rule, points, label), inputs (name, entity,
 * nullable value), event time, decision time; format 2 appends the decision set id (format-1
 * records, written before sets had ids, read as the set named like the decision).
 */
final class DecisionCodec {

  private static final int FORMAT = 2;

  private DecisionCodec() {}

  static byte[] encode(Decision d) {
    return Encoding.encode(FORMAT, out -> {
      Encoding.writeString(out, d.eventId());
      Encoding.writeString(out, d.eventType());
      Encoding.writeString(out, d.decision());
      out.writeInt(d.version());
      Encoding.writeString(out, d.outcome());
      out.writeInt(d.score());
      out.writeInt(d.reasons().size());
      for (Decision.Reason r : d.reasons()) {
        Encoding.writeString(out, r.rule());
        out.writeInt(r.points());
        Encoding.writeString(out, r.label());
      }
      out.writeInt(d.inputs().size());
      for (Decision.Input i : d.inputs()) {
        Encoding.writeString(out, i.name());
        Encoding.writeString(out, i.entity());
        Encoding.writeNullableString(out, i.value());
      }
      out.writeLong(d.eventTime());
      out.writeLong(d.decidedAt());
      Encoding.writeString(out, d.set());
    });
  }

  static Decision decode(byte[] bytes) {
    return Encoding.decode(bytes, 1, FORMAT, "decision", DecisionCodec::read);
  }

  private static Decision read(DataInputStream in, int format) throws IOException {
    String eventId = Encoding.readString(in);
    String type = Encoding.readString(in);
    String name = Encoding.readString(in);
    int version = in.readInt();
    String outcome = Encoding.readString(in);
    int score = in.readInt();
    int n = Encoding.readCount(in);
    List<Decision.Reason> reasons = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reasons.add(new Decision.Reason(Encoding.readString(in), in.readInt(), Encoding.readString(in)));
    }
    int m = Encoding.readCount(in);
    List<Decision.Input> inputs = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      inputs.add(new Decision.Input(Encoding.readString(in), Encoding.readString(in), Encoding.readNullableString(in)));
    }
    long eventTime = in.readLong();
    long decidedAt = in.readLong();
    String set = format >= 2 ? Encoding.readString(in) : name;
    return new Decision(eventId, type, set, name, version, outcome, score, reasons, inputs, eventTime, decidedAt);
  }
}
