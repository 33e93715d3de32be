package dev.vigil.engine.internal.host;

import dev.vigil.engine.Event;
import dev.vigil.engine.OverloadedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for callers that ingest one event each (decision requests): concurrent callers'
 * events go to the engine as one batch, so they share one journal write and one fsync instead of
 * queueing on the admission lock for one fsync each. No thread and no timer: the first caller to
 * find no batch in progress becomes the leader, takes every event queued so far (at most
 * {@link #MAX_BATCH}) and ingests them; callers that arrive meanwhile wait and form the next batch.
 * A lone caller is committed at once, so low load adds no latency. A batch fails or succeeds as a
 * whole, as {@code Engine.ingest} does.
 */
public final class GroupIngest {

  /** Ingests a batch (all or nothing). */
  @FunctionalInterface
  public interface Batch {
    void ingest(List<Event> events) throws OverloadedException;
  }

  /** Keeps one batch within the engine's usual batch sizes. */
  static final int MAX_BATCH = 256;

  private static final class Pending {
    final Event event;
    boolean done;
    Exception failure;

    Pending(Event event) {
      this.event = event;
    }
  }

  private final Batch batch;
  private final Object lock = new Object();
  private List<Pending> queue = new ArrayList<>();
  private boolean committing;

  public GroupIngest(Batch batch) {
    this.batch = batch;
  }

  /** Ingests {@code event} in the next batch; returns once that batch is durably admitted. */
  public void ingest(Event event) throws OverloadedException {
    Pending mine = new Pending(event);
    synchronized (lock) {
      queue.add(mine);
    }
    while (true) {
      List<Pending> group;
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
      commit(group);
    }
    if (mine.failure instanceof OverloadedException o) {
      throw o;
    }
    if (mine.failure instanceof RuntimeException r) {
      throw r;
    }
  }

  private void commit(List<Pending> group) {
    Exception failure = null;
    try {
      batch.ingest(group.stream().map(p -> p.event).toList());
    } catch (OverloadedException | RuntimeException e) {
      failure = e;
    } finally {
      synchronized (lock) {
        for (Pending p : group) {
          p.done = true;
          p.failure = failure;
        }
        committing = false;
        lock.notifyAll();
      }
    }
  }
}
