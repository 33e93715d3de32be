package dev.vigil.engine.internal.drools;

import dev.vigil.engine.OverloadedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for callers that each make one write (decision requests: the decision-log entry,
 * then the event's admission): concurrent callers' items are committed as one batch, so they
 * share one decision-log write and one journal write instead of queueing for one of each (the
 * fsync comes after, outside the group: {@code WalSync}). No thread and no timer: the first
 * caller to find no batch in progress becomes the leader, takes every item queued so far (at most
 * {@link #MAX_BATCH}) and commits them; callers that arrive meanwhile wait and form the next
 * batch. A lone caller is committed at once, so an idle node adds no latency and a busy one
 * batches. A batch fails or succeeds as a whole, as {@code Engine.ingest} does.
 *
 * @param <T> one caller's item; the batch may write its results into it
 */
final class GroupCommit<T> {

  /** Commits a batch (all or nothing). */
  @FunctionalInterface
  interface Batch<T> {
    void commit(List<T> items) throws OverloadedException;
  }

  /** Keeps one batch within the engine's usual batch sizes. */
  static final int MAX_BATCH = 256;

  private static final class Pending<T> {
    final T item;
    boolean done;
    Exception failure;

    Pending(T item) {
      this.item = item;
    }
  }

  private final Batch<T> batch;
  private final Object lock = new Object();
  private List<Pending<T>> queue = new ArrayList<>();
  private boolean committing;

  GroupCommit(Batch<T> batch) {
    this.batch = batch;
  }

  /** Commits {@code item} in the next batch; returns once that batch is durably committed. */
  void commit(T item) throws OverloadedException {
    Pending<T> mine = new Pending<>(item);
    synchronized (lock) {
      queue.add(mine);
    }
    while (true) {
      List<Pending<T>> group;
      synchronized (lock) {
        while (!mine.done && committing) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
          }
        }
        if (mine.done) {
          break;
        }
        committing = true;
        int n = Math.min(queue.size(), MAX_BATCH);
        group = new ArrayList<>(queue.subList(0, n));
        queue = new ArrayList<>(queue.subList(n, queue.size()));
      }
      run(group);
    }
    if (mine.failure instanceof OverloadedException o) {
      throw o;
    }
    if (mine.failure instanceof RuntimeException r) {
      throw r;
    }
  }

  private void run(List<Pending<T>> group) {
    Exception failure = null;
    try {
      batch.commit(group.stream().map(p -> p.item).toList());
    } catch (OverloadedException | RuntimeException e) {
      failure = e;
    } finally {
      synchronized (lock) {
        for (Pending<T> p : group) {
          p.done = true;
          p.failure = failure;
        }
        committing = false;
        lock.notifyAll();
      }
    }
  }
}
