package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.Durability;
import dev.vigil.engine.spi.DecisionStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDecisionStoreIT {

  @TempDir Path dir;
  private RocksStorage storage;
  private DecisionStore decisions;

  @BeforeEach
  void open() {
    storage = RocksStorage.open(dir, Durability.BATCH);
    decisions = storage.decisions();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static Decision decision(String id, String outcome, long decidedAt) {
    return new Decision(id, "transaction", "risk", "payment_risk", 3, outcome, 70,
        List.of(new Decision.Reason("payment_risk.1", 40, "amount \"far\" above"), new Decision.Reason("payment_risk.2", 30, "new")),
        List.of(new Decision.Input("stats.count(amount)", "user_id=u1", "12"), new Decision.Input("zscore(amount)", "user_id=u1", null)),
        1_000L, decidedAt);
  }

  private static List<String> ids(DecisionPage page) {
    return page.items().stream().map(Decision::eventId).toList();
  }

  @Test
  void putIfAbsent_keepsTheFirst_andRoundTripsEveryField() {
    Decision first = decision("e1", "review", 100);
    assertThat(decisions.putIfAbsent(first)).isEqualTo(first);
    assertThat(decisions.putIfAbsent(decision("e1", "block", 200))).isEqualTo(first);
    assertThat(decisions.get("e1")).contains(first);
    assertThat(decisions.get("nope")).isEmpty();
  }

  @Test
  void putIfAbsent_writesTheOutboxOfTheStoredDecisionOnly() {
    List<dev.vigil.engine.Delivery> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    storage.deliveries().listener(heard::addAll);
    decisions.putIfAbsent(decision("e1", "review", 100), List.of(dev.vigil.engine.Delivery.pending("sub_1", "dec_a", 100)));
    decisions.putIfAbsent(decision("e1", "block", 200), List.of(dev.vigil.engine.Delivery.pending("sub_1", "dec_b", 200)));
    assertThat(storage.deliveries().open()).extracting(dev.vigil.engine.Delivery::alertId).containsExactly("dec_a");
    assertThat(heard).extracting(dev.vigil.engine.Delivery::alertId).containsExactly("dec_a");
  }

  @Test
  void putAllIfAbsent_oneWrite_keepsStoredAndFirstOfARepeatedId() {
    Decision stored = decision("e1", "review", 100);
    decisions.putIfAbsent(stored);
    List<dev.vigil.engine.Delivery> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    storage.deliveries().listener(heard::addAll);
    List<Decision> kept = decisions.putAllIfAbsent(List.of(
        new DecisionStore.Entry(decision("e1", "block", 200), List.of(dev.vigil.engine.Delivery.pending("sub_1", "dec_x", 200))),
        new DecisionStore.Entry(decision("e2", "block", 200), List.of(dev.vigil.engine.Delivery.pending("sub_1", "dec_2", 200))),
        new DecisionStore.Entry(decision("e2", "allow", 300), List.of()),
        new DecisionStore.Entry(decision("e3", "allow", 300), List.of())));
    assertThat(kept).extracting(Decision::eventId, Decision::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("e1", "review"), org.assertj.core.groups.Tuple.tuple("e2", "block"),
        org.assertj.core.groups.Tuple.tuple("e2", "block"), org.assertj.core.groups.Tuple.tuple("e3", "allow"));
    assertThat(decisions.get("e2")).map(Decision::outcome).contains("block");
    assertThat(ids(decisions.query(new DecisionQuery(null, null, null, null, 100)))).containsExactly("e3", "e2", "e1");
    assertThat(heard).extracting(dev.vigil.engine.Delivery::alertId).containsExactly("dec_2");
  }

  @Test
  void decisions_surviveReopen() {
    decisions.putIfAbsent(decision("e1", "allow", 100));
    storage.close();
    storage = RocksStorage.open(dir, Durability.BATCH);
    assertThat(storage.decisions().get("e1")).isPresent();
  }

  @Test
  void query_newestFirst_filtersAndPages() {
    for (int i = 1; i <= 7; i++) {
      decisions.putIfAbsent(decision("e" + i, i % 2 == 0 ? "block" : "allow", i * 10L));
    }
    assertThat(ids(decisions.query(new DecisionQuery(null, null, null, null, 100)))).containsExactly(
        "e7", "e6", "e5", "e4", "e3", "e2", "e1");
    assertThat(ids(decisions.query(new DecisionQuery("block", null, null, null, 100)))).containsExactly("e6", "e4", "e2");
    assertThat(ids(decisions.query(new DecisionQuery(null, 20L, 60L, null, 100)))).containsExactly("e5", "e4", "e3", "e2");
    DecisionPage p1 = decisions.query(new DecisionQuery(null, null, null, null, 3));
    assertThat(ids(p1)).containsExactly("e7", "e6", "e5");
    DecisionPage p2 = decisions.query(new DecisionQuery(null, null, null, p1.nextCursor(), 3));
    assertThat(ids(p2)).containsExactly("e4", "e3", "e2");
    DecisionPage p3 = decisions.query(new DecisionQuery(null, null, null, p2.nextCursor(), 3));
    assertThat(ids(p3)).containsExactly("e1");
    assertThat(p3.nextCursor()).isNull();
    assertThatThrownBy(() -> decisions.query(new DecisionQuery(null, null, null, "!!", 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
