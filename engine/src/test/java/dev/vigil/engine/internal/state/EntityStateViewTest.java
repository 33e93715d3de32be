package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityStateViewTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Event tx(int i, String country, String card, String amount) {
    Map<String, Object> f = new HashMap<>();
    f.put("user_id", "u1");
    f.put("country", country);
    f.put("card_id", card);
    f.put("amount", new BigDecimal(amount));
    return new Event("e" + i, "transaction", T0 + i * 3_600_000L, f, Map.of());
  }

  private static EntityStatistics.Fold fold(Event e) {
    return new EntityStatistics.Fold(7, 0, 0, e, dev.vigil.rules.schema.BuiltInTypes.TRANSACTION, "user_id");
  }

  private static void fold(EntityState s, int sequence, Event e) {
    Map<String, Long> dims = HazelcastStatistics.dimensions(fold(e));
    s.apply(7, sequence, 0, e.timestamp(), new String[] {"transaction.amount"},
        new double[] {((BigDecimal) e.field("amount")).doubleValue()},
        dims.keySet().toArray(String[]::new), dims.values().stream().mapToLong(Long::longValue).toArray());
  }

  @Test
  void view_readsWhatTheFullStatisticsSay() {
    EntityState s = new EntityState();
    fold(s, 1, tx(0, "DE", "c1", "10"));
    fold(s, 2, tx(1, "FR", "c1", "30"));
    fold(s, 3, tx(30, "DE", "c2", "20"));
    Event next = tx(31, "FR", "c3", "99");
    EntityStats full = StatsViews.of("user_id", "u1", s, next.timestamp(),
        HazelcastStatistics.dimensions(fold(next)));

    EntityStateView view = new EntityStateView("user_id", s, next);

    assertThat(view.eventCount()).isEqualTo(3).isEqualTo(full.eventCount());
    assertThat(view.firstSeen()).isEqualTo(full.firstSeen());
    assertThat(view.lastSeen()).isEqualTo(full.lastSeen());
    assertThat(view.field("transaction", "amount")).isNotNull().isEqualTo(full.field("transaction", "amount"));
    assertThat(view.field("transaction", "fee")).isNull();
    for (String d : HazelcastStatistics.DIMENSIONS) {
      assertThat(view.distinct(d)).as(d).isEqualTo(full.distinct().get(d));
      assertThat(view.seen(d)).as(d).isEqualTo(full.seen().get(d));
    }
    assertThat(view.seen("country")).isEqualTo(new EntityStats.ValueSeen(true, true));
    assertThat(view.seen("card_id")).isEqualTo(new EntityStats.ValueSeen(false, false));
    assertThat(view.seen("user_id")).isNull();
  }

  @Test
  void view_withoutHistory_countsNothing() {
    Event first = tx(0, "DE", "c1", "10");
    EntityStateView view = new EntityStateView("user_id", null, first);
    assertThat(view.eventCount()).isZero();
    assertThat(view.firstSeen()).isEqualTo(first.timestamp());
    assertThat(view.field("transaction", "amount")).isNull();
    assertThat(view.distinct("country")).isNull();
    assertThat(view.seen("country")).isNull();
  }
}
