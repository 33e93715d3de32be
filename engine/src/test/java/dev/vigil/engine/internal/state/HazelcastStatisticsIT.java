package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.engine.spi.EntityStatistics.Fold;
import dev.vigil.rules.schema.BuiltInTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Hazelcast members on loopback, in this JVM. */
class HazelcastStatisticsIT {
  private static final long T0 = 1_790_000_000_000L;
  private final List<HazelcastStatistics> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(m -> m.member().getLifecycleService().terminate());
  }

  @Test
  void twoMembers_oneKilled_noStatisticsLost_countsExact() throws Exception {
    String cluster = "vigil-it-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    List<String> list = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    CompletableFuture<HazelcastStatistics> fa = CompletableFuture.supplyAsync(
        () -> HazelcastStatistics.start(new StatisticsConfig(cluster, "127.0.0.1", portA, list, 1)));
    CompletableFuture<HazelcastStatistics> fb = CompletableFuture.supplyAsync(
        () -> HazelcastStatistics.start(new StatisticsConfig(cluster, "127.0.0.1", portB, list, 1)));
    HazelcastStatistics a = fa.get();
    HazelcastStatistics b = fb.get();
    members.add(a);
    members.add(b);
    await().atMost(Duration.ofSeconds(60))
        .until(() -> a.member().getCluster().getMembers().size() == 2);

    // 200 users x 10 transactions, half folded one by one through A, half batched through B.
    long seq = 0;
    List<Fold> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (int u = 0; u < 200; u++) {
        Fold f = fold(++seq, "u" + u, 10 + i, T0 + i * 60_000L);
        if (u % 2 == 0) {
          a.foldAndGetBefore(f);
        } else {
          batch.add(f);
        }
      }
    }
    b.foldAll(batch);
    await().atMost(Duration.ofSeconds(60)).until(() -> b.member().getPartitionService().isClusterSafe());

    b.member().getLifecycleService().terminate();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> a.member().getCluster().getMembers().size() == 1);

    for (int u = 0; u < 200; u++) {
      EntityStats s = a.get("user_id", "u" + u).orElseThrow(() -> new AssertionError("lost a user"));
      assertThat(s.eventCount()).isEqualTo(10);
      EntityStats.FieldStats amount = s.field("transaction", "amount");
      assertThat(amount.count()).isEqualTo(10);
      assertThat(amount.mean()).isEqualTo(14.5);
      assertThat(amount.min()).isEqualTo(10.0);
      assertThat(amount.max()).isEqualTo(19.0);
      assertThat(amount.last24h().count()).isEqualTo(10);
      assertThat(s.distinct().get("country").lifetime()).isEqualTo(2);
    }
  }

  @Test
  void sameBatchTwice_leavesIdenticalStatistics() throws Exception {
    HazelcastStatistics m = HazelcastStatistics.start(
        new StatisticsConfig("vigil-it-" + UUID.randomUUID(), "127.0.0.1", freePort(), List.of(), 1));
    members.add(m);
    List<Fold> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(fold(i + 1, "u" + (i % 5), 100 + i * 3, T0 + i * 3_600_000L));
    }
    m.foldAll(batch);
    Map<String, EntityStats> first = snapshot(m);
    m.foldAll(batch);
    for (Fold f : batch) {
      m.foldAndGetBefore(f);
    }
    assertThat(snapshot(m)).isEqualTo(first);
    assertThat(first.get("u0").eventCount()).isEqualTo(10);
  }

  @Test
  void foldAndGetBefore_returnsStatisticsBeforeTheEvent() throws Exception {
    HazelcastStatistics m = HazelcastStatistics.start(
        new StatisticsConfig("vigil-it-" + UUID.randomUUID(), "127.0.0.1", freePort(), List.of(), 1));
    members.add(m);
    assertThat(m.foldAndGetBefore(fold(1, "x", 10, T0))).isNull();
    EntityStats before = m.foldAndGetBefore(fold(2, "x", 30, T0 + 1));
    assertThat(before.eventCount()).isEqualTo(1);
    assertThat(before.field("transaction", "amount").mean()).isEqualTo(10.0);
    assertThat(m.get("user_id", "x").orElseThrow().field("transaction", "amount").mean()).isEqualTo(20.0);
    assertThat(m.get("user_id", "nobody")).isEmpty();
  }

  @Test
  void writer_foldsLikeTheEntryProcessors_andIsVisibleAfterFlush() throws Exception {
    HazelcastStatistics viaWriter = singleNode(3); // 3 entities per writer: eviction and reload
    HazelcastStatistics viaMember = singleNode(0);
    assertThat(viaMember.writer(1)).isEmpty();
    EntityStatistics.Writer writer = viaWriter.writer(1).orElseThrow();
    List<Fold> folds = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      folds.add(fold(i + 1, "u" + (i % 6), 100 + (i * 37) % 250, T0 + i * 900_000L));
    }
    for (int start = 0; start < folds.size(); start += 10) {
      List<Fold> batch = folds.subList(start, start + 10);
      for (int i = 0; i < batch.size(); i++) {
        Fold f = batch.get(i);
        if (i % 2 == 0) {
          writer.add(f);
          viaMember.foldAll(List.of(f));
        } else {
          EntityStatistics.Folded mine = writer.fold(f);
          EntityStatistics.Folded theirs = viaMember.fold(f);
          assertThat(mine).isEqualTo(theirs);
          assertThat(mine.repeat()).isFalse();
        }
      }
      writer.flush();
    }
    assertThat(snapshot(viaWriter, 6)).isEqualTo(snapshot(viaMember, 6));
    assertThat(((OwnedEntities) writer).held()).isEqualTo(3);

    // A replay (after a crash) is recognised by the marks, whether the entity is held or reloaded.
    for (Fold f : folds.subList(50, 60)) {
      EntityStatistics.Folded again = writer.fold(f);
      assertThat(again.repeat()).isTrue();
      assertThat(again).isEqualTo(viaMember.fold(f));
    }
    writer.flush();
    assertThat(snapshot(viaWriter, 6)).isEqualTo(snapshot(viaMember, 6));
  }

  @Test
  void writer_withTheNodesStore_writesAndReadsOnlyTheStore() throws Exception {
    Map<String, byte[]> disk = new java.util.concurrent.ConcurrentHashMap<>();
    HazelcastStatistics m = singleNode(2);
    m.persistTo(snapshots(disk));
    EntityStatistics.Writer writer = m.writer(1).orElseThrow();
    for (int i = 0; i < 40; i++) {
      Fold f = fold(i + 1, "u" + (i % 5), 10 + i, T0 + i * 60_000L);
      writer.add(f);
      writer.flush();
    }
    assertThat(disk).hasSize(5);
    assertThat(m.member().getMap(HazelcastStatistics.MAP).size()).as("the store is the only copy").isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.fold(fold(99, "u0", 1, T0)))
        .isInstanceOf(IllegalStateException.class);
    for (int u = 0; u < 5; u++) {
      EntityStats s = m.get("user_id", "u" + u).orElseThrow();
      assertThat(s.eventCount()).isEqualTo(8);
      assertThat(EntityStateCodec.decode(disk.get("user_id:u" + u)).eventCount).isEqualTo(8);
    }
    // A restarted node reads entities nobody touched yet from its store.
    HazelcastStatistics restarted = singleNode(2);
    restarted.persistTo(snapshots(disk));
    assertThat(restarted.get("user_id", "u3").orElseThrow().eventCount()).isEqualTo(8);
  }

  @Test
  void writer_beyondCapacity_dropsTheLeastRecentlyUsed_andReadsThemBack() throws Exception {
    Map<String, byte[]> disk = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    HazelcastStatistics m = singleNode(10);
    m.persistTo(snapshots(disk, loads));
    EntityStatistics.Writer writer = m.writer(1).orElseThrow();
    int[] events = new int[12];
    long seq = 0;
    for (int round = 0; round < 2; round++) { // taken in, then used again: all ten leave probation for the clock
      for (int u = 0; u < 10; u++) {
        writer.add(fold(++seq, "u" + u, 10, T0 + seq));
        events[u]++;
      }
      writer.flush();
    }
    for (int f = 1; f < OwnedEntities.PROBATION_FLUSHES; f++) {
      writer.flush();
    }
    assertThat(((OwnedEntities) writer).held()).isEqualTo(10);
    for (int u = 0; u < 5; u++) {
      writer.add(fold(++seq, "u" + u, 20, T0 + seq)); // used again: u5..u9 are now the least recent
      events[u]++;
    }
    writer.flush();
    for (int u = 10; u < 12; u++) {
      writer.add(fold(++seq, "u" + u, 30, T0 + seq));
      events[u]++;
    }
    writer.flush(); // 12 held > 10: down to 9, u10 and u11 (on probation, not used again) first, then one of u5..u9
    assertThat(((OwnedEntities) writer).held()).isEqualTo(9);
    loads.clear();
    for (int u = 0; u < 5; u++) {
      writer.add(fold(++seq, "u" + u, 40, T0 + seq));
      events[u]++;
    }
    assertThat(loads).as("recently used entities stay held").isEmpty();
    for (int u = 5; u < 12; u++) {
      writer.add(fold(++seq, "u" + u, 40, T0 + seq));
      events[u]++;
    }
    assertThat(loads).as("those on probation and the least recently used one of the clock were dropped and are read back")
        .hasSize(3).contains("user_id:u10", "user_id:u11").anyMatch(k -> k.matches("user_id:u[5-9]"));
    writer.flush();
    for (int u = 0; u < 12; u++) {
      assertThat(m.get("user_id", "u" + u).orElseThrow().eventCount()).as("u" + u).isEqualTo(events[u]);
    }
  }

  @Test
  void writer_dropsEntitiesNotUsedAgainWithinTheirProbation_andReadsThemBack() throws Exception {
    Map<String, byte[]> disk = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    HazelcastStatistics m = singleNode(1000);
    m.persistTo(snapshots(disk, loads));
    EntityStatistics.Writer writer = m.writer(1).orElseThrow();
    int[] events = new int[10];
    long seq = 0;
    for (int u = 0; u < 10; u++) {
      writer.add(fold(++seq, "u" + u, 10, T0 + seq));
      events[u]++;
    }
    writer.flush(); // the first of the probation's writes
    for (int u = 0; u < 5; u++) { // u0..u4 used again, u5..u9 not
      writer.add(fold(++seq, "u" + u, 20, T0 + seq));
      events[u]++;
    }
    for (int f = 1; f < OwnedEntities.PROBATION_FLUSHES; f++) {
      assertThat(((OwnedEntities) writer).held()).as("still on probation after %d writes", f).isEqualTo(10);
      writer.flush();
    }
    assertThat(((OwnedEntities) writer).held()).as("those not used again dropped").isEqualTo(5);
    for (int f = 0; f < 2 * OwnedEntities.PROBATION_FLUSHES; f++) {
      writer.flush();
    }
    assertThat(((OwnedEntities) writer).held()).as("those used again stay, on the clock").isEqualTo(5);
    loads.clear();
    for (int u = 0; u < 10; u++) {
      writer.add(fold(++seq, "u" + u, 30, T0 + seq));
      events[u]++;
    }
    assertThat(loads).as("the dropped ones are read back, the kept ones are not")
        .containsExactlyInAnyOrder("user_id:u5", "user_id:u6", "user_id:u7", "user_id:u8", "user_id:u9");
    writer.flush();
    for (int u = 0; u < 10; u++) {
      assertThat(m.get("user_id", "u" + u).orElseThrow().eventCount()).as("u" + u).isEqualTo(events[u]);
    }
  }

  private static dev.vigil.engine.spi.EntitySnapshots snapshots(Map<String, byte[]> disk) {
    return snapshots(disk, new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** {@code disk} as the node's store, noting every entity loaded in {@code loads}. */
  private static dev.vigil.engine.spi.EntitySnapshots snapshots(Map<String, byte[]> disk, List<String> loads) {
    return new dev.vigil.engine.spi.EntitySnapshots() {
      @Override
      public byte[] load(String entity) {
        loads.add(entity);
        return disk.get(entity);
      }

      @Override
      public void store(String entity, byte[] record) {
        disk.put(entity, record);
      }

      @Override
      public void delete(String entity) {
        disk.remove(entity);
      }
    };
  }

  @Test
  void writer_changesReachTheMapOnlyAtFlush() throws Exception {
    HazelcastStatistics m = singleNode(100);
    EntityStatistics.Writer writer = m.writer(2).orElseThrow();
    writer.add(fold(1, "late", 10, T0));
    assertThat(m.get("user_id", "late")).isEmpty();
    writer.flush();
    assertThat(m.get("user_id", "late").orElseThrow().eventCount()).isEqualTo(1);
  }

  @Test
  void cluster_getsNoWriter() throws Exception {
    int port = freePort();
    HazelcastStatistics m = HazelcastStatistics.start(new StatisticsConfig("vigil-it-" + UUID.randomUUID(),
        "127.0.0.1", port, List.of("127.0.0.1:" + port), 1, 1_000));
    members.add(m);
    assertThat(m.writer(2)).isEmpty();
  }

  private HazelcastStatistics singleNode(int cacheEntries) throws IOException {
    HazelcastStatistics m = HazelcastStatistics.start(new StatisticsConfig("vigil-it-" + UUID.randomUUID(),
        "127.0.0.1", freePort(), List.of(), 1, cacheEntries));
    members.add(m);
    return m;
  }

  private static Map<String, EntityStats> snapshot(HazelcastStatistics m, int users) {
    Map<String, EntityStats> all = new HashMap<>();
    for (int u = 0; u < users; u++) {
      all.put("u" + u, m.get("user_id", "u" + u).orElseThrow());
    }
    return all;
  }

  private static Map<String, EntityStats> snapshot(HazelcastStatistics m) {
    return snapshot(m, 5);
  }

  private static Fold fold(long seq, String user, double amount, long time) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("user_id", user);
    fields.put("amount", BigDecimal.valueOf(amount));
    fields.put("currency", "EUR");
    fields.put("country", (time / 60_000) % 2 == 0 ? "DE" : "FR");
    Event e = new Event("e" + seq, "transaction", time, fields, Map.of());
    return new Fold(42, seq, 0, e, BuiltInTypes.TRANSACTION, "user_id");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
