package dev.vigil.api.alerts;

import dev.vigil.engine.Alerts;
import dev.vigil.engine.StoredAlert;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows the alert store forward from a cursor: reads the page after it, hands the page to its
 * consumer, and reads on when the consumer's stage completes; when the store has nothing newer it
 * waits for {@link #signal()} (the store's "alert stored" listener, fanned out by {@link
 * AlertFeed}). At most one read or page is in progress per follower.
 *
 * <p>The store is the buffer: a follower that falls behind holds no alerts in memory and slows
 * nothing but itself, and it never misses or repeats an alert (see {@code Alerts.after}).
 */
public final class AlertFollower {

  private final Alerts alerts;
  private final Executor executor;
  private final int pageSize;
  private final Function<List<StoredAlert>, CompletionStage<?>> consumer;
  private final Consumer<Throwable> onError;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile String cursor;

  /**
   * @param cursor where to start (exclusive); {@code null} = the first alert ever stored
   * @param executor runs the store reads (they block)
   * @param consumer takes a page (oldest first); the follower reads on when the stage completes
   * @param onError hears a failed read or a failed stage; the follower is then idle until the next
   *     {@link #signal()}
   */
  AlertFollower(Alerts alerts, Executor executor, String cursor, int pageSize,
      Function<List<StoredAlert>, CompletionStage<?>> consumer, Consumer<Throwable> onError) {
    this.alerts = alerts;
    this.executor = executor;
    this.cursor = cursor;
    this.pageSize = pageSize;
    this.consumer = consumer;
    this.onError = onError;
  }

  /** There may be new alerts: read them unless a read is already under way. Never blocks. */
  public void signal() {
    dirty.set(true);
    if (!stopped && running.compareAndSet(false, true)) {
      submit();
    }
  }

  /** Stops reading; a page being consumed still completes. */
  public void stop() {
    stopped = true;
  }

  /** The cursor of the last alert handed to the consumer (or the start cursor). */
  public String cursor() {
    return cursor;
  }

  private void submit() {
    try {
      executor.execute(this::read);
    } catch (RejectedExecutionException e) {
      running.set(false); // shutting down
    }
  }

  private void read() {
    if (stopped) {
      running.set(false);
      return;
    }
    dirty.set(false);
    List<StoredAlert> page;
    CompletionStage<?> done;
    try {
      page = alerts.after(cursor, pageSize);
      if (page.isEmpty()) {
        idle();
        return;
      }
      done = consumer.apply(page);
    } catch (RuntimeException e) {
      running.set(false);
      onError.accept(e);
      return;
    }
    done.whenComplete((ignored, error) -> {
      if (error != null) {
        running.set(false);
        onError.accept(error);
        return;
      }
      cursor = page.get(page.size() - 1).cursor();
      if (page.size() == pageSize && !stopped) {
        submit(); // probably more: keep the turn
      } else {
        idle();
      }
    });
  }

  /** Gives up the turn; takes it again if a signal came while it was held. */
  private void idle() {
    running.set(false);
    if (dirty.get() && !stopped) {
      signal();
    }
  }
}
