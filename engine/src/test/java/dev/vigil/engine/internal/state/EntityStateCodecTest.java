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
}
