package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityStateCodecTest {

  @Test
  void decode_ofEncode_keepsEveryFigureAndTheMarks() {
    EntityState s = new EntityState();
    long t = 1_767_225_600_000L;
    for (int i = 0; i < 100; i++) {
      s.apply(7, i + 1, 0, t + i * 3_600_000L, new String[] {"transaction.amount"}, new double[] {10 + i},
          new String[] {"country", "merchant_id"}, new long[] {Hll.hash("c" + (i % 3)), Hll.hash("m" + i)});
    }

    byte[] bytes = EntityStateCodec.encode(s);
    EntityState back = EntityStateCodec.decode(bytes);

    assertThat(EntityStateCodec.encode(back)).isEqualTo(bytes);
    assertThat(back.holds(7, 100)).isTrue();
    assertThat(StatsViews.of("user_id", "u1", back, back.lastSeen))
        .isEqualTo(StatsViews.of("user_id", "u1", s, s.lastSeen));
    // A replayed fold is recognised after the round trip.
    assertThat(back.apply(7, 100, 0, t, new String[0], new double[0], new String[0], new long[0])).isFalse();
  }

  /** Records written by the previous encoder (DataOutputStream) still decode, byte for byte. */
  @Test
  void encode_matchesTheDataOutputStreamLayout_ofStoredRecords() throws Exception {
    EntityState s = new EntityState();
    long t = 1_767_225_600_000L;
    for (int i = 0; i < 80; i++) {
      s.apply(3, i + 1, 0, t + i * 7_200_000L, new String[] {"paiement.montant_\u00e9\u20ac"}, new double[] {i * 1.5},
          new String[] {"device_id"}, new long[] {Hll.hash("d" + i)});
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeLong(s.eventCount);
      out.writeLong(s.firstSeen);
      out.writeLong(s.lastSeen);
      longs(out, s.markSources());
      longs(out, s.markSequences());
      out.writeInt(1);
      out.writeUTF(s.fieldNames[0]);
      FieldState f = s.fields[0];
      out.writeLong(f.lifetime.count);
      for (double d : new double[] {f.lifetime.mean, f.lifetime.m2, f.min, f.max, f.decayedSum, f.decayedWeight}) {
        out.writeDouble(d);
      }
      out.writeLong(f.decayedAt);
      for (Buckets b : new Buckets[] {f.hourly, f.daily}) {
        ints(out, b.ids);
        ints(out, b.counts);
        doubles(out, b.means);
        doubles(out, b.m2s);
      }
      out.writeInt(1);
      out.writeUTF(s.dimensions[0]);
      longs(out, s.distinct[0].hashes);
      ints(out, s.distinct[0].days);
      out.writeInt(s.distinct[0].hll.length);
      out.write(s.distinct[0].hll);
    }
    assertThat(EntityStateCodec.encode(s)).isEqualTo(bytes.toByteArray());
    assertThat(EntityStateCodec.encode(EntityStateCodec.decode(bytes.toByteArray()))).isEqualTo(bytes.toByteArray());
  }

  private static void longs(java.io.DataOutputStream out, long[] a) throws java.io.IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  private static void ints(java.io.DataOutputStream out, int[] a) throws java.io.IOException {
    out.writeInt(a.length);
    for (int v : a) {
      out.writeInt(v);
    }
  }

  private static void doubles(java.io.DataOutputStream out, double[] a) throws java.io.IOException {
    out.writeInt(a.length);
    for (double v : a) {
      out.writeDouble(v);
    }
  }
}
