package dev.vigil.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests of one kind that wait for or run on a worker thread ({@code
 * limits.max_pending_requests}). Vert.x queues {@code executeBlocking} work without a bound, so a
 * node that falls behind (just started, a long collection, a slow disk) would otherwise answer
 * every request later and later and hold every queued body; past the bound the caller answers
 * {@code 429} at once. Thread-safe; handlers call {@link #submit} on the event loop.
 */
public final class PendingLimit {
  private final int max;
  private final AtomicInteger pending = new AtomicInteger();

  public PendingLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1");
    }
    this.max = max;
  }

  /**
   * Runs {@code work} on a worker ({@code executeBlocking}, unordered) holding a place until it
   * ends; past the bound, a failed future with the {@link #refusal} (nothing of {@code work} ran,
   * {@code notDone} says what was not done).
   */
  public <T> Future<T> submit(Vertx vertx, Callable<T> work, String notDone) {
    if (!tryAcquire()) {
      return Future.failedFuture(refusal(notDone));
    }
    return vertx.executeBlocking(work, false).onComplete(ar -> release());
  }

  /** Takes a place; {@code false} (and nothing taken) when {@code max} are taken. */
  boolean tryAcquire() {
    if (pending.incrementAndGet() > max) {
      pending.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back a place {@link #tryAcquire} took. */
  void release() {
    pending.decrementAndGet();
  }

  /** Places taken now. */
  int pending() {
    return pending.get();
  }

  /**
   * The answer to a request past the bound: {@code 429 overloaded}, retry in a second; {@code what}
   * says what was not done (e.g. "nothing of the batch was accepted").
   */
  ProblemException refusal(String what) {
    return new ProblemException(Problem.of(429, "overloaded", "Too many requests waiting",
        max + " requests of this kind are waiting for or running on a worker; " + what + ". Retry."), 1);
  }
}
