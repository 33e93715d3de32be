package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.AlertStatus;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import dev.vigil.engine.Durability;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.SigningSecret;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionFilter;
import dev.vigil.engine.SubscriptionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions, the delivery outbox and alert lifecycle in a real RocksDB store, across reopen. */
class OutboxIT {

  @TempDir Path dir;

  private static Alert alert(String id, long createdAt) {
    return new Alert(id, "r", 1, "high", new EntityRef("user_id", "u1"), null, null, createdAt, List.of("e-" + id),
        "m", createdAt);
  }

  private static Subscription sub(String id) {
    return new Subscription(id, "https://example.test/hook", "d",
        new SubscriptionFilter(Set.of("r"), Set.of(), Set.of("card"), Set.of()),
        List.of(new SigningSecret("whsec_abc", 1, null), new SigningSecret("whsec_old", 0, 99L)),
        SubscriptionState.ACTIVE, null, 1, 2, null);
  }

  @Test
  void acceptWithDeliveries_newAlert_writesBothAndNotifies_repeatWritesNothing() {
    List<Delivery> heard = new CopyOnWriteArrayList<>();
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      s.deliveries().listener(heard::addAll);
      Delivery d = Delivery.pending("sub_1", "a1", 10);
      assertThat(s.alerts().accept(alert("a1", 10), List.of(d))).isTrue();
      assertThat(s.alerts().accept(alert("a1", 10), List.of(Delivery.pending("sub_2", "a1", 10)))).isFalse();
      assertThat(heard).containsExactly(d);
      assertThat(s.deliveries().get("sub_2", "a1")).isEmpty();
    }
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      assertThat(s.deliveries().get("sub_1", "a1")).contains(Delivery.pending("sub_1", "a1", 10));
      assertThat(s.deliveries().open()).hasSize(1);
    }
  }

  @Test
  void put_terminalState_leavesOpenIndex_listFiltersByState() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      s.deliveries().put(Delivery.pending("sub_1", "a1", 1));
      s.deliveries().put(Delivery.pending("sub_1", "a2", 1));
      s.deliveries().put(Delivery.pending("sub_10", "a0", 1));
      s.deliveries().put(Delivery.pending("sub_1", "a1", 1).attempted(DeliveryState.DELIVERED, null, 5, 204, null, 3));

      assertThat(s.deliveries().open()).extracting(Delivery::alertId).containsExactlyInAnyOrder("a2", "a0");
      assertThat(s.deliveries().list("sub_1", null, null, 10)).extracting(Delivery::alertId).containsExactly("a1", "a2");
      assertThat(s.deliveries().list("sub_1", DeliveryState.DELIVERED, null, 10)).singleElement()
          .satisfies(d -> assertThat(d.lastStatus()).isEqualTo(204));
      assertThat(s.deliveries().list("sub_1", null, "a1", 10)).extracting(Delivery::alertId).containsExactly("a2");
    }
  }

  @Test
  void subscriptions_survivesReopen_deleteRemovesItsDeliveriesOnly() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      s.subscriptions().save(sub("sub_1"));
      s.subscriptions().save(sub("sub_10"));
      s.deliveries().put(Delivery.pending("sub_1", "a1", 1));
      s.deliveries().put(Delivery.pending("sub_10", "a1", 1));
    }
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      assertThat(s.subscriptions().get("sub_1")).contains(sub("sub_1"));
      assertThat(s.subscriptions().delete("sub_1")).isTrue();
      assertThat(s.subscriptions().delete("sub_1")).isFalse();
      assertThat(s.deliveries().get("sub_1", "a1")).isEmpty();
      assertThat(s.deliveries().get("sub_10", "a1")).isPresent();
      assertThat(s.deliveries().open()).hasSize(1);
      assertThat(s.subscriptions().list()).extracting(Subscription::id).containsExactly("sub_10");
    }
  }

  @Test
  void transition_openAckResolve_recordsWhoAndWhen_statusFilterUsesIt() {
    try (RocksStorage s = RocksStorage.open(dir, Durability.BATCH)) {
      s.alerts().accept(alert("a1", 10));
      s.alerts().accept(alert("a2", 20));
      assertThat(s.alerts().lifecycle("a1").status()).isEqualTo(AlertStatus.OPEN);
      s.alerts().transition("a1", AlertStatus.ACKNOWLEDGED, "key1", 100);
      var resolved = s.alerts().transition("a1", AlertStatus.RESOLVED, "key2", 200).orElseThrow();
      assertThat(resolved.acknowledgedBy()).isEqualTo("key1");
      assertThat(resolved.resolvedAt()).isEqualTo(200L);
      assertThatThrownBy(() -> s.alerts().transition("a1", AlertStatus.ACKNOWLEDGED, "k", 300))
          .isInstanceOf(IllegalStateException.class);
      assertThat(s.alerts().transition("nope", AlertStatus.RESOLVED, "k", 1)).isEmpty();

      var open = new AlertQuery(null, null, null, null, null, null, 10, AlertStatus.OPEN);
      assertThat(s.alerts().query(open).alerts()).extracting(Alert::alertId).containsExactly("a2");
      var done = new AlertQuery(null, null, null, null, null, null, 10, AlertStatus.RESOLVED);
      assertThat(s.alerts().query(done).alerts()).extracting(Alert::alertId).containsExactly("a1");
    }
  }

  @Test
  void open_posixFileSystem_makesDataDirOwnerOnly() throws Exception {
    Path data = dir.resolve("data");
    try (RocksStorage s = RocksStorage.open(data, Durability.BATCH)) {
      if (data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
      }
    }
  }

  @Test
  void subscriptionsUpdate_concurrentWriters_noLostUpdate() throws Exception {
    try (RocksStorage storage = RocksStorage.open(dir, Durability.BATCH)) {
      concurrentUpdates(storage);
    }
  }

  private static void concurrentUpdates(RocksStorage storage) throws Exception {
    storage.subscriptions().save(new Subscription("sub_c", "https://example.test/c", "0",
        SubscriptionFilter.ALL, List.of(), SubscriptionState.ACTIVE, null, 0, 0, null));
    int rounds = 500;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      // One writer counts in the description (like PATCH), the other in updatedAt (like the dispatcher).
      var a = pool.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          storage.subscriptions().update("sub_c", s -> new Subscription(s.id(), s.url(),
              Integer.toString(Integer.parseInt(s.description()) + 1), s.filter(), s.secrets(), s.state(),
              s.disabledReason(), s.createdAt(), s.updatedAt(), s.failingSince()));
        }
      });
      var b = pool.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          storage.subscriptions().update("sub_c", s -> new Subscription(s.id(), s.url(),
              s.description(), s.filter(), s.secrets(), s.state(), s.disabledReason(), s.createdAt(),
              s.updatedAt() + 1, s.failingSince()));
        }
      });
      a.get();
      b.get();
    } finally {
      pool.shutdownNow();
    }

    var s = storage.subscriptions().get("sub_c").orElseThrow();
    assertThat(s.description()).isEqualTo(Integer.toString(rounds));
    assertThat(s.updatedAt()).isEqualTo(rounds);
    assertThat(storage.subscriptions().update("missing", x -> x)).isEmpty();
  }
}
