package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EntityRef;
import dev.vigil.engine.EntityStats;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotStatisticsTest {

  private static final long DAY = 86_400_000L;
  private static final EntityRef U1 = new EntityRef("user_id", "u1");

  private final EntityStats stats = new EntityStats("user_id", "u1", 12, 0, 10, 10,
      Map.of("transaction.amount", new EntityStats.FieldStats(12, 50.0, 100.0, 10.0, 1, 99, 49.0,
          new EntityStats.WindowStats(3, 150, 50.0, 5.0), new EntityStats.WindowStats(10, 500, 50.0, 8.0))),
      Map.of("country", new EntityStats.DistinctStats(4, true, 2, true)),
      Map.of("country", new EntityStats.ValueSeen(true, false)));
  private final SnapshotStatistics view =
      new SnapshotStatistics((k, v, asOf, values) -> v.equals("u1") ? Optional.of(stats) : Optional.empty());

  private Object read(String fn, String field, long horizon) {
    return view.read(U1, "transaction", fn, field, horizon, null, 10);
  }

  @Test
  void lifetimeAndWindows_mapToTheSnapshot() {
    assertThat(read("count", "amount", 0)).isEqualTo(12L);
    assertThat(read("mean", "amount", 0)).isEqualTo(50.0);
    assertThat(read("stddev", "amount", DAY)).isEqualTo(5.0);
    assertThat(read("count", "amount", 30 * DAY)).isEqualTo(10L);
    assertThat(read("distinct", "country", 0)).isEqualTo(4L);
    assertThat(read("distinct", "country", 30 * DAY)).isEqualTo(2L);
  }

  @Test
  void seenAndLastSeen_comeFromTheSnapshot() {
    assertThat(view.read(U1, "transaction", "seen", "country", 0, "FR", 10)).isEqualTo(true);
    assertThat(view.read(U1, "transaction", "seen", "country", 30 * DAY, "FR", 10)).isEqualTo(false);
    assertThat(view.read(U1, "transaction", "seen", "country", 30 * DAY, null, 10)).isNull();
    assertThat(read("last_seen", "", 0)).isEqualTo(10L);
  }

  @Test
  void whatTheSnapshotDoesNotKeep_isUnknown_andNoEntityIsNoHistory() {
    assertThat(read("count", "amount", 7 * DAY)).isNull();
    assertThat(read("count", "fee", 0)).isEqualTo(0L);
    assertThat(view.read(new EntityRef("user_id", "u2"), "transaction", "count", "amount", 0, null, 10)).isEqualTo(0L);
    assertThat(view.read(new EntityRef("user_id", "u2"), "transaction", "seen", "country", 0, "FR", 10)).isEqualTo(false);
  }

  @Test
  void forRequestWithTheEventsFields_answersSeenFromTheSameSnapshot_oneReadPerEntity() {
    java.util.List<Map<String, ?>> reads = new java.util.ArrayList<>();
    SnapshotStatistics counted = new SnapshotStatistics((k, v, asOf, values) -> {
      reads.add(values);
      return Optional.of(stats);
    });
    dev.vigil.engine.spi.StatisticsView request = counted.forRequest(Map.of("user_id", "u1", "country", "FR"));
    assertThat(request.read(U1, "transaction", "count", "amount", 0, null, 10)).isEqualTo(12L);
    assertThat(request.read(U1, "transaction", "distinct", "country", 30 * DAY, "FR", 10)).isEqualTo(2L);
    assertThat(request.read(U1, "transaction", "seen", "country", 0, "FR", 10)).isEqualTo(true);
    assertThat(reads).containsExactly(Map.of("user_id", "u1", "country", "FR"));
    // seen for a value other than the event's own still reads its own snapshot
    request.read(U1, "transaction", "seen", "country", 0, "DE", 10);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1)).isEqualTo(Map.of("country", "DE"));
  }
}
