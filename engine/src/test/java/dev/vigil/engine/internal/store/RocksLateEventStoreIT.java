package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Durability;
import dev.vigil.engine.Event;
import dev.vigil.engine.LateEvent;
import dev.vigil.engine.LateEventPage;
import dev.vigil.engine.LateEventQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksLateEventStoreIT {

  static final long DAY = 86_400_000L;

  @TempDir Path dir;

  static LateEvent late(long seq, String type, long arrivedAt) {
    return new LateEvent(seq, new Event("e" + seq, type, 1_000 + seq, Map.of("k", "v" + seq), Map.of()), 5_000, arrivedAt);
  }

  @Test
  void record_sameSequenceTwice_storedOnce_andSurvivesReopen() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.NONE)) {
      assertThat(s.lateEvents().record(List.of(late(1, "click", 10)), 10, 100, DAY)).hasSize(1);
      assertThat(s.lateEvents().record(List.of(late(1, "click", 10), late(2, "click", 11)), 11, 100, DAY))
          .extracting(LateEvent::sequence).containsExactly(2L);
    }
    try (RocksStorage s = RocksStorage.open(dir, Durability.NONE)) {
      assertThat(s.lateEvents().count()).isEqualTo(2);
      assertThat(s.lateEvents().query(LateEventQuery.firstPage(10)).events())
          .containsExactly(late(2, "click", 11), late(1, "click", 10));
    }
  }

  @Test
  void record_beyondMaxEntriesOrRetention_oldestDropped() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.NONE)) {
      List<LateEvent> batch = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        batch.add(late(i, "click", i * 1_000L));
      }
      s.lateEvents().record(batch, 10_000, 5, DAY);
      assertThat(s.lateEvents().count()).isEqualTo(5);
      assertThat(s.lateEvents().query(LateEventQuery.firstPage(100)).events())
          .extracting(LateEvent::sequence).containsExactly(10L, 9L, 8L, 7L, 6L);

      // now = 9.5 s + retention: entries that arrived before 9.5 s go
      s.lateEvents().record(List.of(late(11, "click", 20_000)), DAY + 9_500, 5, DAY);
      assertThat(s.lateEvents().query(LateEventQuery.firstPage(100)).events())
          .extracting(LateEvent::sequence).containsExactly(11L, 10L);
      assertThat(s.lateEvents().count()).isEqualTo(2);
    }
  }

  @Test
  void query_typeSinceAndCursorPages() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.NONE)) {
      List<LateEvent> batch = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        batch.add(late(i, i % 2 == 0 ? "click" : "reading", i * 100L));
      }
      s.lateEvents().record(batch, 700, 100, DAY);

      LateEventPage first = s.lateEvents().query(new LateEventQuery("reading", null, null, 2));
      assertThat(first.events()).extracting(LateEvent::sequence).containsExactly(7L, 5L);
      LateEventPage second = s.lateEvents().query(new LateEventQuery("reading", null, first.nextCursor(), 2));
      assertThat(second.events()).extracting(LateEvent::sequence).containsExactly(3L, 1L);
      assertThat(second.nextCursor()).isNull();

      assertThat(s.lateEvents().query(new LateEventQuery(null, 500L, null, 10)).events())
          .extracting(LateEvent::sequence).containsExactly(7L, 6L, 5L);
      assertThatThrownBy(() -> s.lateEvents().query(new LateEventQuery(null, null, "!!", 10)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
