package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Durability;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.Journal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksJournalIT {

  private static final long HOUR = 3_600_000L;
  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;
  private RocksStorage storage;

  @BeforeEach
  void open() {
    storage = RocksStorage.open(dir, Durability.FSYNC);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static Event event(String id) {
    return new Event(id, "transaction", NOW, Map.of("user_id", "u-1", "amount", new BigDecimal("9.99")), Map.of());
  }

  private static List<Event> events(String... ids) {
    return java.util.Arrays.stream(ids).map(RocksJournalIT::event).toList();
  }

  @Test
  void admit_newIds_acceptedWithConsecutiveSequences() {
    List<Admission> result = storage.journal().admit(events("a", "b", "c"), NOW, HOUR);

    assertThat(result).containsOnly(Admission.ACCEPTED).hasSize(3);
    assertThat(storage.journal().lastSequence()).isEqualTo(3);
    assertThat(journal().read(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b", "c");
    assertThat(journal().read(0, 10).get(0).event()).isEqualTo(event("a"));
  }

  @Test
  void admit_idRepeatedInsideBatch_laterOnesDuplicate() {
    List<Admission> result = storage.journal().admit(events("a", "b", "a", "a"), NOW, HOUR);

    assertThat(result)
        .containsExactly(Admission.ACCEPTED, Admission.ACCEPTED, Admission.DUPLICATE, Admission.DUPLICATE);
    assertThat(storage.journal().lastSequence()).isEqualTo(2);
  }

  @Test
  void admit_idSeenInEarlierBatch_duplicateAndNotJournaled() {
    storage.journal().admit(events("a", "b"), NOW, HOUR);

    List<Admission> result = storage.journal().admit(events("b", "c"), NOW + 1, HOUR);

    assertThat(result).containsExactly(Admission.DUPLICATE, Admission.ACCEPTED);
    assertThat(journal().read(0, 10)).extracting(e -> e.event().id()).containsExactly("a", "b", "c");
  }

  @Test
  void admit_allDuplicates_sequenceUnchanged() {
    storage.journal().admit(events("a"), NOW, HOUR);

    assertThat(storage.journal().admit(events("a", "a"), NOW, HOUR)).containsOnly(Admission.DUPLICATE);
    assertThat(storage.journal().lastSequence()).isEqualTo(1);
  }

  @Test
  void admit_afterHorizon_acceptedAgain() {
    storage.journal().admit(events("a"), NOW, HOUR);

    assertThat(storage.journal().admit(events("a"), NOW + HOUR - 1, HOUR)).containsExactly(Admission.DUPLICATE);
    assertThat(storage.journal().admit(events("a"), NOW + HOUR, HOUR)).containsExactly(Admission.ACCEPTED);
    // The re-admission restarted the horizon.
    assertThat(storage.journal().admit(events("a"), NOW + HOUR + 1, HOUR)).containsExactly(Admission.DUPLICATE);
  }

  @Test
  void admit_emptyBatch_nothing() {
    assertThat(storage.journal().admit(List.of(), NOW, HOUR)).isEmpty();
    assertThat(storage.journal().lastSequence()).isZero();
  }

  @Test
  void purgeDedup_removesOnlyExpiredEntries() {
    storage.journal().admit(events("old1", "old2"), NOW, HOUR);
    storage.journal().admit(events("fresh"), NOW + HOUR, HOUR);

    long removed = storage.journal().purgeDedup(NOW + HOUR + 1, HOUR);

    assertThat(removed).isEqualTo(2);
    assertThat(storage.journal().purgeDedup(NOW + HOUR + 1, HOUR)).isZero();
    // "fresh" is still remembered; an expired id that was purged is accepted.
    assertThat(storage.journal().admit(events("fresh", "old1"), NOW + HOUR + 2, HOUR))
        .containsExactly(Admission.DUPLICATE, Admission.ACCEPTED);
  }

  @Test
  void sync_concurrentAdmissions_shareOneFsync() throws Exception {
    int writers = 8;
    CountDownLatch written = new CountDownLatch(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      long before = storage.journal().fsyncs();
      List<Future<List<Admission>>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String id = "w" + i;
        results.add(pool.submit(() -> {
          List<Admission> a = storage.journal().admit(events(id), NOW, HOUR);
          written.countDown();
          written.await(); // every batch is written before anyone syncs
          storage.journal().sync();
          return a;
        }));
      }
      for (Future<List<Admission>> r : results) {
        assertThat(r.get()).containsExactly(Admission.ACCEPTED);
      }

      storage.journal().sync(); // nothing written since

      // The first fsync started after all eight writes, so it covered every caller.
      assertThat(storage.journal().fsyncs() - before).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(journal().read(0, 100)).hasSize(writers);
  }

  @Test
  void sync_afterEachAdmission_fsyncsEachTime() {
    long before = storage.journal().fsyncs();
    storage.journal().admit(events("a"), NOW, HOUR);
    storage.journal().sync();
    storage.journal().sync();
    storage.journal().admit(events("b"), NOW, HOUR);
    storage.journal().sync();

    assertThat(storage.journal().fsyncs() - before).isEqualTo(2);
  }

  @Test
  void purgeDedup_moreEntriesThanOneChunk_removesAll() {
    List<Event> many = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      many.add(event("id-" + i));
    }
    storage.journal().admit(many, NOW, HOUR);

    assertThat(storage.journal().purgeDedup(NOW + HOUR, HOUR)).isEqualTo(25_000);
  }

  @Test
  void lastSequence_reopen_continuesAfterRecoveredSequence() {
    storage.journal().admit(events("a", "b"), NOW, HOUR);
    storage.close();

    storage = RocksStorage.open(dir, Durability.FSYNC);

    assertThat(storage.journal().lastSequence()).isEqualTo(2);
    assertThat(storage.journal().admit(events("b", "c"), NOW, HOUR))
        .containsExactly(Admission.DUPLICATE, Admission.ACCEPTED);
    assertThat(storage.journal().lastSequence()).isEqualTo(3);
    assertThat(journal().read(2, 1)).extracting(e -> e.event().id()).containsExactly("c");
  }

  @Test
  void admit_durabilityNone_dataSurvivesCleanClose() {
    storage.close();
    storage = RocksStorage.open(dir, Durability.NONE);
    storage.journal().admit(events("a"), NOW, HOUR);
    storage.close();

    storage = RocksStorage.open(dir, Durability.BATCH);

    assertThat(storage.journal().lastSequence()).isEqualTo(1);
    assertThat(storage.journal().admit(events("a"), NOW, HOUR)).containsExactly(Admission.DUPLICATE);
  }

  @Test
  void admit_concurrentBatchesWithOverlappingIds_eachIdAcceptedOnce() throws Exception {
    int threads = 4;
    int ids = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Callable<Long>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            () -> {
              start.await();
              long accepted = 0;
              for (int i = 0; i < ids; i += 10) {
                List<Event> batch = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                  batch.add(event("id-" + j));
                }
                Collections.shuffle(batch);
                accepted += storage.journal().admit(batch, NOW, HOUR).stream().filter(a -> a == Admission.ACCEPTED).count();
              }
              return accepted;
            });
      }
      List<Future<Long>> futures = new ArrayList<>();
      for (Callable<Long> task : tasks) {
        futures.add(pool.submit(task));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get();
      }

      assertThat(total).isEqualTo(ids);
      assertThat(storage.journal().lastSequence()).isEqualTo(ids);
    } finally {
      pool.shutdownNow();
    }
  }

  private RocksJournal journal() {
    return (RocksJournal) storage.journal();
  }

  @Test
  void rebuildStart_newestCheckpointOlderThanTheHorizon_thenTruncationKeepsSequencesGoing() {
    storage.journal().admit(events("a", "b", "c", "d"), NOW, HOUR);
    storage.journal().markApplied(1, 1_000);
    storage.journal().markApplied(2, 5_000);
    storage.journal().markApplied(3, 9_000);

    // Newest checkpoint time 9 000: a 3 000 ms horizon needs everything after sequence 2 (5 000 < 6 000).
    assertThat(storage.journal().rebuildStart(3_000)).isEqualTo(2);
    assertThat(storage.journal().rebuildStart(100_000)).isZero();
    assertThat(storage.journal().rebuildStart(0)).isEqualTo(2); // sequence 3 may hold an event at 9 000

    assertThat(storage.journal().truncateThrough(2)).isEqualTo(2);
    assertThat(storage.journal().truncatedThrough()).isEqualTo(2);
    assertThat(journal().read(0, 10)).extracting(e -> e.event().id()).containsExactly("c", "d");
    assertThat(storage.journal().rebuildStart(100_000)).isEqualTo(2);
    // Never past the applied checkpoint.
    assertThat(storage.journal().truncateThrough(10)).isEqualTo(1);
    assertThat(journal().read(0, 10)).extracting(e -> e.event().id()).containsExactly("d");
  }

  @Test
  void lastSequence_journalEmptiedByTruncation_goesOnAfterRestart() {
    storage.journal().admit(events("a", "b"), NOW, HOUR);
    storage.journal().markApplied(2, 1_000);
    storage.journal().truncateThrough(2);
    storage.close();
    storage = RocksStorage.open(dir, Durability.FSYNC);

    assertThat(storage.journal().lastSequence()).isEqualTo(2);
    storage.journal().admit(events("c"), NOW, HOUR);
    assertThat(journal().read(0, 10)).extracting(Journal.Entry::sequence).containsExactly(3L);
  }
}
