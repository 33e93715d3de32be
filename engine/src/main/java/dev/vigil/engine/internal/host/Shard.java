package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread and the rule runtimes it owns, one per route key (plus the global one on
 * shard 0), opened lazily on the first event. Only this thread touches its runtimes, so they need
 * no locks; the queue is unbounded because {@link AdmissionGate} bounds what is in flight.
 */
final class Shard implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Shard.class);

  /** Work for the shard thread, processed in queue order. */
  sealed interface Task permits Deliver, Control, Stop {}

  /**
   * Evaluate {@code event} in the runtime of {@code routeKey} ({@code null}: global rules), or,
   * when {@code statsOnly}, only fold it into the statistics of entity {@code routeKey}.
   */
  record Deliver(Event event, String routeKey, Ticket ticket, long sequence, boolean statsOnly) implements Task {
    Deliver(Event event, String routeKey, Ticket ticket) {
      this(event, routeKey, ticket, 0, false);
    }
  }

  /** Run {@code action} on every open runtime, then complete {@code done}. */
  record Control(Consumer<RuleRuntime> action, CompletableFuture<Void> done) implements Task {}

  record Stop() implements Task {}

  private final int index;
  private final RuleSet rules;
  private final MatchSink sink;
  private final EventTimePolicy time;
  private final EngineMetrics metrics;
  private final Clock clock;
  private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final Map<String, RuleRuntime> runtimes = new HashMap<>();
  private final Thread thread;
  private final ShardStats stats = new ShardStats();

  Shard(int index, RuleSet rules, MatchSink sink, EventTimePolicy time, EngineMetrics metrics, Clock clock) {
    this.index = index;
    this.rules = rules;
    this.sink = sink;
    this.time = time;
    this.metrics = metrics;
    this.clock = clock;
    this.thread = new Thread(this, "vigil-shard-" + index);
  }

  void statistics(StatsFolder folder) {
    stats.folder(folder);
  }

  void start() {
    thread.start();
  }

  void submit(Task task) {
    queue.add(task);
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Task task = stats.hasPending() ? queue.poll() : queue.take();
        if (task == null || !(task instanceof Deliver)) {
          stats.flush(index, metrics);
        }
        if (task == null) {
          continue;
        } else if (task instanceof Stop) {
          return;
        } else if (task instanceof Deliver d && d.statsOnly()) {
          stats.defer(d, index, metrics);
        } else if (task instanceof Deliver d) {
          deliver(d);
        } else if (task instanceof Control c) {
          control(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("shard {} interrupted with {} tasks queued", index, queue.size());
    } finally {
      destroyRuntimes();
    }
  }

  private void deliver(Deliver d) {
    Event event = d.event();
    try {
      RuleRuntime runtime = runtimes.get(d.routeKey());
      if (runtime == null) {
        runtime = rules.open(d.routeKey(), event.timestamp(), sink);
        runtimes.put(d.routeKey(), runtime);
      }
      time.beforeSend(runtime, event);
      runtime.send(event, stats.foldAndGetBefore(d, index, metrics));
      metrics.processed(index, clock.millis() - event.timestamp());
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error(
          "shard {}: evaluating event {} (type {}) for route key {} failed",
          index, event.id(), event.type(), d.routeKey() == null ? "global" : d.routeKey(), e);
    } finally {
      d.ticket().done();
    }
  }

  private void control(Control c) {
    try {
      runtimes.values().forEach(c.action());
      c.done().complete(null);
    } catch (RuntimeException e) {
      log.error("shard {}: control task failed", index, e);
      c.done().completeExceptionally(e);
    }
  }

  private void destroyRuntimes() {
    for (RuleRuntime runtime : runtimes.values()) {
      try {
        runtime.destroy();
      } catch (RuntimeException e) {
        log.warn("shard {}: destroying a runtime failed", index, e);
      }
    }
    runtimes.clear();
  }
}
