package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.EntityStats.ValueSeen;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics.Fold;
import dev.vigil.rules.schema.BuiltInTypes;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dry-run store runs the real numerics; {@code seen} is exact while the distinct set is. */
class InMemoryStatisticsTest {
  private static final long DAY = Buckets.DAY;
  private static final long T0 = 20_000 * DAY;

  private final InMemoryStatistics stats = new InMemoryStatistics();
  private long sequence;

  private EntityStats fold(String country, long time) {
    Event e = new Event("e" + sequence, "transaction", time,
        Map.of("user_id", "u1", "amount", BigDecimal.TEN, "currency", "EUR", "country", country), Map.of());
    return stats.foldAndGetBefore(new Fold(1, ++sequence, 0, e, BuiltInTypes.TRANSACTION, "user_id"));
  }

  @Test
  void foldAndGetBefore_seesTheStateBeforeTheEvent_andSeenIsExact() {
    assertThat(fold("FR", T0)).isNull();
    EntityStats before = fold("FR", T0 + DAY);
    assertThat(before.field("transaction", "amount").count()).isEqualTo(1);
    assertThat(before.seen().get("country")).isEqualTo(new ValueSeen(true, true));
    assertThat(fold("DE", T0 + 2 * DAY).seen().get("country")).isEqualTo(new ValueSeen(false, false));
    // FR last seen on day 1: 40 days later it is outside the 30-day window but still seen.
    assertThat(fold("FR", T0 + 41 * DAY).seen().get("country")).isEqualTo(new ValueSeen(true, false));
    assertThat(stats.read("user_id", "u1", T0 + 41 * DAY, Map.of("country", "DE")).orElseThrow().seen())
        .containsEntry("country", new ValueSeen(true, false));
    assertThat(stats.get("user_id", "u1").orElseThrow().eventCount()).isEqualTo(4);
  }

  @Test
  void pastTheExactSet_aForgottenValueIsUnknown_unlessEveryForgottenValueIsOutsideTheWindow() {
    for (int i = 0; i < DistinctSet.CAPACITY + 10; i++) {
      fold("c" + i, T0 + i * DAY); // one new value a day: c0..c9 get evicted
    }
    long now = T0 + (DistinctSet.CAPACITY + 10) * DAY;
    EntityStats s = stats.read("user_id", "u1", now, Map.of("country", "c0")).orElseThrow();
    assertThat(s.distinct().get("country").lifetimeExact()).isFalse();
    // Every forgotten value was last seen more than 30 days ago: not seen in the window, unknown ever.
    assertThat(s.seen().get("country")).isEqualTo(new ValueSeen(null, false));
    assertThat(stats.read("user_id", "u1", now, Map.of("country", "c70")).orElseThrow().seen().get("country"))
        .isEqualTo(new ValueSeen(true, true));
    // Asked as of an earlier time, the oldest kept value is inside the window: unknown.
    assertThat(stats.read("user_id", "u1", T0 + 20 * DAY, Map.of("country", "zz")).orElseThrow().seen().get("country"))
        .isEqualTo(new ValueSeen(null, null));
  }
}
