package dev.vigil.api.delivery;

import dev.vigil.engine.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher's loop: one thread that runs every state change, plus timers, plus the clock the
 * dispatcher reads. Tests inject a manual clock (for "failing since" arithmetic) and tiny backoff
 * delays through {@link WebhookSettings} rather than sleeping.
 */
public interface Scheduler extends AutoCloseable {

  long now();

  void execute(Runnable task);

  void schedule(long delayMillis, Runnable task);

  @Override
  void close();

  /** A daemon single-thread scheduler named {@code name}, reading {@code clock}. */
  static Scheduler singleThread(String name, Clock clock) {
    ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    return new Scheduler() {
      @Override
      public long now() {
        return clock.millis();
      }

      @Override
      public void execute(Runnable task) {
        if (!exec.isShutdown()) {
          exec.execute(task);
        }
      }

      @Override
      public void schedule(long delayMillis, Runnable task) {
        if (!exec.isShutdown()) {
          exec.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        }
      }

      @Override
      public void close() {
        exec.shutdownNow();
        try {
          exec.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
