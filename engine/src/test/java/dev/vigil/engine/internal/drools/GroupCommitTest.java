package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.Event;
import dev.vigil.engine.OverloadedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private static Event event(String id) {
    return new Event(id, "transaction", 1, Map.of(), Map.of());
  }

  @Test
  void loneCaller_isCommittedAtOnce() throws Exception {
    List<List<Event>> batches = new CopyOnWriteArrayList<>();
    new GroupCommit<Event>(batches::add).commit(event("a"));
    assertThat(batches).hasSize(1);
  }

  @Test
  void callersArrivingDuringACommit_shareTheNextBatch() throws Exception {
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GroupCommit<Event> group = new GroupCommit<>(events -> {
      batches.add(events.stream().map(Event::id).toList());
      if (batches.size() == 1) {
        started.countDown();
        awaitLatch(release);
      }
    });
    List<Thread> threads = new ArrayList<>();
    threads.add(start(() -> ingest(group, "e0")));
    started.await();
    for (int i = 1; i <= 5; i++) {
      String id = "e" + i;
      threads.add(start(() -> ingest(group, id)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        threads.subList(1, 6).stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    release.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).containsExactly("e0");
    assertThat(batches.get(1)).containsExactlyInAnyOrder("e1", "e2", "e3", "e4", "e5");
  }

  @Test
  void aFailedBatch_failsEachOfItsCallers() {
    GroupCommit<Event> group = new GroupCommit<>(events -> {
      throw new OverloadedException("full", 1);
    });
    assertThatThrownBy(() -> group.commit(event("x"))).isInstanceOf(OverloadedException.class);
  }

  private static void ingest(GroupCommit<Event> group, String id) {
    try {
      group.commit(event(id));
    } catch (OverloadedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Thread start(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
