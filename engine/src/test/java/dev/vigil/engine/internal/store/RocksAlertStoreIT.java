package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Durability;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.spi.AlertStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksAlertStoreIT {

  @TempDir Path dir;
  private RocksStorage storage;
  private AlertStore alerts;

  @BeforeEach
  void open() {
    storage = RocksStorage.open(dir, Durability.BATCH);
    alerts = storage.alerts();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static Alert alert(String id, String rule, String severity, String user, long createdAt) {
    return new Alert(id, rule, 1, severity, new EntityRef("user_id", user), null, null, createdAt - 5,
        List.of("e-" + id), "msg " + id, createdAt);
  }

  private static AlertQuery query(String rule, String entity, String severity, Long since, Long until, String cursor, int limit) {
    return new AlertQuery(rule, entity, severity, since, until, cursor, limit);
  }

  private static List<String> ids(AlertPage page) {
    return page.alerts().stream().map(Alert::alertId).toList();
  }

  @Test
  void accept_sameIdTwice_storedOnce() {
    Alert first = alert("a1", "r", "high", "u1", 100);

    assertThat(alerts.accept(first)).isTrue();
    assertThat(alerts.accept(alert("a1", "other", "low", "u2", 200))).isFalse();

    assertThat(alerts.count()).isEqualTo(1);
    assertThat(alerts.get("a1")).contains(first);
    assertThat(alerts.query(AlertQuery.firstPage(10)).alerts()).containsExactly(first);
  }

  @Test
  void get_unknownId_empty() {
    assertThat(alerts.get("nope")).isEmpty();
  }

  @Test
  void accept_concurrentSameId_exactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long createdAt = i;
        results.add(pool.submit(() -> alerts.accept(alert("same", "r", "low", "u", createdAt))));
      }
      int wins = 0;
      for (Future<Boolean> r : results) {
        wins += r.get() ? 1 : 0;
      }

      assertThat(wins).isEqualTo(1);
      assertThat(alerts.count()).isEqualTo(1);
      assertThat(alerts.query(AlertQuery.firstPage(100)).alerts()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void query_noFilters_newestFirstThenInsertionOrder() {
    alerts.accept(alert("old", "r", "low", "u1", 100));
    alerts.accept(alert("mid1", "r", "low", "u1", 200));
    alerts.accept(alert("mid2", "r", "low", "u1", 200));
    alerts.accept(alert("new", "r", "low", "u1", 300));

    AlertPage page = alerts.query(AlertQuery.firstPage(10));

    assertThat(ids(page)).containsExactly("new", "mid2", "mid1", "old");
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void query_filters_eachNarrowsResult() {
    alerts.accept(alert("a", "velocity", "high", "u1", 100));
    alerts.accept(alert("b", "velocity", "low", "u2", 200));
    alerts.accept(alert("c", "geo", "high", "u1", 300));
    alerts.accept(alert("d", "geo", "critical", "u3", 400));

    assertThat(ids(alerts.query(query("velocity", null, null, null, null, null, 10)))).containsExactly("b", "a");
    assertThat(ids(alerts.query(query(null, "u1", null, null, null, null, 10)))).containsExactly("c", "a");
    assertThat(ids(alerts.query(query(null, null, "high", null, null, null, 10)))).containsExactly("c", "a");
    assertThat(ids(alerts.query(query("geo", "u1", "high", null, null, null, 10)))).containsExactly("c");
    assertThat(ids(alerts.query(query(null, null, null, 200L, null, null, 10)))).containsExactly("d", "c", "b");
    assertThat(ids(alerts.query(query(null, null, null, null, 300L, null, 10)))).containsExactly("b", "a");
    assertThat(ids(alerts.query(query(null, null, null, 200L, 400L, null, 10)))).containsExactly("c", "b");
    assertThat(ids(alerts.query(query("nope", null, null, null, null, null, 10)))).isEmpty();
  }

  @Test
  void query_cursorPagination_noGapsNoRepeats() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      // Several alerts share a createdAt so the insertion sequence must break ties.
      alerts.accept(alert("a" + i, i % 3 == 0 ? "r0" : "r1", "low", "u", 1_000 + i / 4));
      expected.add(0, "a" + i);
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      AlertPage page = alerts.query(query(null, null, null, null, null, cursor, 10));
      seen.addAll(ids(page));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(6);
  }

  @Test
  void query_cursorWithFilterAndUntil_continuesStrictlyAfter() {
    for (int i = 0; i < 30; i++) {
      alerts.accept(alert("a" + i, i % 2 == 0 ? "even" : "odd", "low", "u", i));
    }

    AlertPage first = alerts.query(query("even", null, null, 4L, 25L, null, 5));
    AlertPage second = alerts.query(query("even", null, null, 4L, 25L, first.nextCursor(), 5));

    assertThat(ids(first)).containsExactly("a24", "a22", "a20", "a18", "a16");
    assertThat(ids(second)).containsExactly("a14", "a12", "a10", "a8", "a6");
    assertThat(second.nextCursor()).isNotNull();
    AlertPage third = alerts.query(query("even", null, null, 4L, 25L, second.nextCursor(), 5));
    assertThat(ids(third)).containsExactly("a4");
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void query_exactlyFullLastPage_nullCursor() {
    for (int i = 0; i < 4; i++) {
      alerts.accept(alert("a" + i, "r", "low", "u", i));
    }

    AlertPage page = alerts.query(AlertQuery.firstPage(4));

    assertThat(page.alerts()).hasSize(4);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void query_limitOutOfRange_clamped() {
    for (int i = 0; i < 3; i++) {
      alerts.accept(alert("a" + i, "r", "low", "u", i));
    }

    assertThat(alerts.query(AlertQuery.firstPage(0)).alerts()).hasSize(1);
    assertThat(alerts.query(AlertQuery.firstPage(-5)).alerts()).hasSize(1);
    assertThat(alerts.query(AlertQuery.firstPage(1_000_000)).alerts()).hasSize(3);
  }

  @Test
  void query_scanBoundReached_partialPageWithCursorThenContinues() {
    for (int i = 0; i < 10; i++) {
      alerts.accept(alert("a" + i, i == 0 ? "rare" : "common", "low", "u", i));
    }
    RocksAlertStore store = (RocksAlertStore) alerts;

    AlertPage first = store.query(query("rare", null, null, null, null, null, 10), 4);
    AlertPage second = store.query(query("rare", null, null, null, null, first.nextCursor(), 10), 4);
    AlertPage third = store.query(query("rare", null, null, null, null, second.nextCursor(), 10), 4);

    assertThat(first.alerts()).isEmpty();
    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.alerts()).isEmpty();
    assertThat(ids(third)).containsExactly("a0");
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void query_malformedCursor_illegalArgument() {
    assertThatThrownBy(() -> alerts.query(query(null, null, null, null, null, "%%%", 10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alerts.query(query(null, null, null, null, null, "AAAA", 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countAndAlerts_reopen_restored() {
    alerts.accept(alert("a1", "r", "low", "u", 1));
    alerts.accept(alert("a2", "r", "low", "u", 1));
    storage.close();

    storage = RocksStorage.open(dir, Durability.BATCH);
    alerts = storage.alerts();

    assertThat(alerts.count()).isEqualTo(2);
    assertThat(alerts.accept(alert("a1", "r", "low", "u", 1))).isFalse();
    assertThat(alerts.accept(alert("a3", "r", "low", "u", 1))).isTrue();
    // Insertion sequence continued after reopen: a3 sorts as newest among equal createdAt.
    assertThat(ids(alerts.query(AlertQuery.firstPage(10)))).containsExactly("a3", "a2", "a1");
    assertThat(alerts.count()).isEqualTo(3);
  }

  @Test
  void after_fromNullThenFromEachCursor_oldestFirst_noGapsNoRepeats() {
    for (int i = 1; i <= 5; i++) {
      alerts.accept(alert("a" + i, "r", "low", "u" + i, 100 + i));
    }
    assertThat(alerts.after(null, 2)).extracting(s -> s.alert().alertId()).containsExactly("a1", "a2");
    String cursor = alerts.after(null, 2).get(1).cursor();

    List<String> rest = alerts.after(cursor, 10).stream().map(s -> s.alert().alertId()).toList();

    assertThat(rest).containsExactly("a3", "a4", "a5");
    assertThat(alerts.lastCursor()).isEqualTo(alerts.after(cursor, 10).get(2).cursor());
    assertThat(alerts.after(alerts.lastCursor(), 10)).isEmpty();
  }

  @Test
  void accept_olderCreatedAtStoredLater_raisedToNewest_soFollowersMissNothing() {
    alerts.accept(alert("a1", "r", "low", "u", 200));
    String seen = alerts.lastCursor();

    alerts.accept(alert("a2", "r", "low", "u", 150)); // stamped earlier on another shard, stored later

    assertThat(alerts.after(seen, 10)).extracting(s -> s.alert().alertId()).containsExactly("a2");
    assertThat(alerts.get("a2").orElseThrow().createdAt()).isEqualTo(200);
  }

  @Test
  void onStored_newAlertOnly_listenerRuns() {
    java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
    alerts.onStored(heard::incrementAndGet);

    alerts.accept(alert("a1", "r", "low", "u", 1));
    alerts.accept(alert("a1", "r", "low", "u", 1));

    assertThat(heard).hasValue(1);
  }

  @Test
  void lastMatchTime_latestAlertOfRuleAndEntity_survivesReopen() {
    alerts.accept(alert("a1", "r", "low", "u1", 100));
    alerts.accept(alert("a2", "r", "low", "u1", 200));
    alerts.accept(alert("a3", "other", "low", "u1", 300));
    storage.close();

    storage = RocksStorage.open(dir, Durability.BATCH);
    alerts = storage.alerts();

    assertThat(alerts.lastMatchTime("r", new EntityRef("user_id", "u1"))).hasValue(195);
    assertThat(alerts.lastMatchTime("r", new EntityRef("user_id", "u2"))).isEmpty();
  }
}
