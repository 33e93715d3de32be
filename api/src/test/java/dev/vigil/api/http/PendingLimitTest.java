package dev.vigil.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PendingLimitTest {

  @Test
  void takesUpToMax_thenRefuses_untilAPlaceIsGivenBack() {
    PendingLimit limit = new PendingLimit(2);
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isFalse();
    assertThat(limit.pending()).as("a refusal takes nothing").isEqualTo(2);
    limit.release();
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isFalse();
    assertThatThrownBy(() -> new PendingLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusal_isA429OverloadedWithRetryAfter() {
    ProblemException e = new PendingLimit(3).refusal("nothing was decided");
    assertThat(e.problem().status()).isEqualTo(429);
    assertThat(e.problem().type()).endsWith("overloaded");
    assertThat(e.problem().detail()).contains("3 requests", "nothing was decided");
    assertThat(e.retryAfterSeconds()).isEqualTo(1);
  }

  /** Four threads racing for three places many times: never more than three held at once. */
  @Test
  void concurrentCallers_neverHoldMoreThanMax() throws Exception {
    PendingLimit limit = new PendingLimit(3);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 100_000; i++) {
          if (limit.tryAcquire()) {
            most.accumulateAndGet(held.incrementAndGet(), Math::max);
            held.decrementAndGet();
            limit.release();
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(most.get()).isBetween(1, 3);
    assertThat(limit.pending()).isZero();
  }
}
