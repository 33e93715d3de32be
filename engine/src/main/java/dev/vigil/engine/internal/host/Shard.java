package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.engine.spi.StatsView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread, the rule runtimes it owns (one per route key plus the global one on shard
 * 0, opened lazily) and its reorder buffer. Deliveries enter the buffer; whenever the watermark
 * moves (carried by a delivery, or an idle advance this thread commits after a timed poll) the
 * buffered events before it are evaluated in event-time order and every runtime's clock moves to
 * the watermark, so windows close and timers fire in event time. Only this thread touches its
 * runtimes and buffer; the queue is unbounded because {@link AdmissionGate} bounds what is in
 * flight (buffered events keep their permit).
 */
final class Shard implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Shard.class);

  /** Most queued tasks taken per release, and most released events per statistics round trip. */
  static final int DRAIN = 512;

  /** Work for the shard thread, processed in queue order. */
  sealed interface Task permits Deliver, Advance, Control, Stop, StatsFold, Staged {}

  /** Tasks staged together by one dispatcher call ({@link #publish}), queued as one. */
  record Staged(List<Task> tasks) implements Task {}

  /**
   * Buffer {@code event} for the runtime of {@code routeKey} ({@code null}: global rules), then
   * release up to {@code watermark}.
   */
  record Deliver(Event event, String routeKey, Ticket ticket, long watermark, long sequence) implements Task {}

  /**
   * Fold {@code event} (journal {@code sequence}) into the statistics of entity {@code keyField},
   * which no rule routes by: no rule reads it, so it skips the reorder buffer (see {@link ShardStats}).
   */
  record StatsFold(Event event, String keyField, Ticket ticket, long sequence) implements Task {}

  /** Release up to {@code watermark} (idle progress). */
  record Advance(long watermark) implements Task {}

  /** Run {@code action} on every open runtime, then complete {@code done}. */
  record Control(Consumer<RuleRuntime> action, CompletableFuture<Void> done) implements Task {}

  record Stop() implements Task {}

  private final int index;
  private final RuleSet rules;
  private final MatchSink sink;
  private final EngineMetrics metrics;
  private final Clock clock;
  private final Watermark watermark;
  private final long pollMillis;
  private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  /** Tasks of a {@link Staged} batch not taken yet (shard thread only). */
  private final ArrayDeque<Task> unpacked = new ArrayDeque<>();
  private final Object stageLock = new Object();
  /** Tasks staged by the dispatcher, not yet queued; guarded by {@link #stageLock}. */
  private List<Task> staged = new ArrayList<>();
  private final Map<String, RuleRuntime> runtimes = new HashMap<>();
  private final ReorderBuffer buffer = new ReorderBuffer();
  private final Thread thread;
  private final ShardStats stats = new ShardStats(System::nanoTime);
  private long released = Watermark.NONE;
  private Rebuild rebuild = Rebuild.none();

  Shard(int index, RuleSet rules, MatchSink sink, EngineMetrics metrics, Clock clock, Watermark watermark, long idleTimeoutMillis) {
    this.index = index;
    this.rules = rules;
    this.sink = sink;
    this.metrics = metrics;
    this.clock = clock;
    this.watermark = watermark;
    // Poll often enough to notice idleness promptly, rarely enough to cost nothing when idle.
    this.pollMillis = Math.max(5, Math.min(250, idleTimeoutMillis / 4));
    this.thread = new Thread(this, "vigil-shard-" + index);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code task} behind everything staged before it. */
  void submit(Task task) {
    synchronized (stageLock) {
      publishStaged();
      queue.add(task);
    }
  }

  /**
   * Stages {@code task} for the next {@link #publish}: a dispatcher stages a whole ingest batch
   * and queues it as one task, so the shard wakes once per batch and evaluates (and stores its
   * statistics for) the batch at once instead of a few events per wake-up. A delivery is staged
   * under its shard's watermark lock, which {@link #idleCheck} holds while it publishes the staged
   * tasks ahead of its advance, so the queue still sees deliveries and advances in commit order.
   */
  void stage(Task task) {
    synchronized (stageLock) {
      staged.add(task);
    }
  }

  /** Queues the staged tasks (one {@link Staged} task), if any. */
  void publish() {
    synchronized (stageLock) {
      publishStaged();
    }
  }

  private void publishStaged() {
    if (!staged.isEmpty()) {
      queue.add(new Staged(staged));
      staged = new ArrayList<>();
    }
  }

  Watermark watermark() {
    return watermark;
  }

  void statistics(StatsFolder folder, int shards) {
    stats.folder(folder, shards);
  }

  /** Crash recovery: which replayed sequences are muted (docs/design/durability.md). */
  void rebuild(Rebuild rebuild) {
    this.rebuild = rebuild;
  }

  Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Task task = next(stats.waitMillis(pollMillis));
        // Deliveries and folds are batched; anything else (idle, an advance, a control task, stop),
        // or a write-behind delay that is up while deliveries keep coming, writes what is pending.
        if (!(task instanceof StatsFold) && !(task instanceof Deliver) || stats.due()) {
          stats.flush(index, metrics);
        }
        if (task == null) {
          idleCheck();
        } else if (task instanceof StatsFold f) {
          stats.defer(f, index, metrics);
        } else if (task instanceof Stop) {
          return;
        } else if (task instanceof Deliver d) {
          boolean before = Rebuild.mute(rebuild.covers(d.sequence()));
          try {
            release(bufferQueued(d));
          } finally {
            Rebuild.mute(before);
          }
        } else if (task instanceof Advance a) {
          release(a.watermark());
        } else if (task instanceof Control c) {
          control(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("shard {} interrupted with {} tasks queued", index, queue.size());
    } finally {
      if (buffer.size() > 0) {
        log.info("shard {} stops with {} events waiting for the watermark; they are replayed at the next start", index, buffer.size());
      }
      destroyRuntimes();
    }
  }

  /** The next task, a {@link Staged} batch's tasks one by one; {@code null} after {@code waitMillis} without one. */
  private Task next(long waitMillis) throws InterruptedException {
    Task task = unpacked.poll();
    if (task == null) {
      task = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
      if (task instanceof Staged s) {
        unpacked.addAll(s.tasks());
        task = unpacked.poll();
      }
    }
    return task;
  }

  /** The task {@link #next} would return now, without waiting and without taking it; else {@code null}. */
  private Task peekNext() {
    Task task = unpacked.peek();
    if (task == null) {
      task = queue.peek();
      if (task instanceof Staged s) {
        queue.poll();
        unpacked.addAll(s.tasks());
        task = unpacked.peek();
      }
    }
    return task;
  }

  /** Removes the task {@link #peekNext} returned. */
  private void takePeeked() {
    if (unpacked.poll() == null) {
      queue.poll();
    }
  }

  /**
   * Buffers {@code first} and the deliveries (and statistics-only folds) queued right behind it,
   * up to {@link #DRAIN} tasks, and returns the newest watermark among them. Releasing once to that
   * watermark evaluates the same events in the same order as releasing after each delivery (a
   * delivery is never older than an earlier delivery's watermark, or it would have been late), but
   * with one statistics round trip and one clock move per runtime for the lot.
   */
  private long bufferQueued(Deliver first) {
    long to = first.watermark();
    // one drain is either all rebuild (muted) or all live: the release it triggers is muted or not
    boolean covered = rebuild.covers(first.sequence());
    buffer.add(new ReorderBuffer.Pending(first.event(), first.routeKey(), first.ticket(), first.sequence()));
    for (int n = 1; n < DRAIN; n++) {
      Task next = peekNext();
      if (next instanceof Deliver d && rebuild.covers(d.sequence()) == covered) {
        takePeeked();
        buffer.add(new ReorderBuffer.Pending(d.event(), d.routeKey(), d.ticket(), d.sequence()));
        to = Math.max(to, d.watermark());
      } else if (next instanceof StatsFold f) {
        takePeeked();
        stats.defer(f, index, metrics);
      } else {
        break;
      }
    }
    return to;
  }

  /** Commits idle progress and queues it behind the deliveries decided before it. */
  private void idleCheck() {
    watermark.lock().lock();
    try {
      long advanced = watermark.idleAdvance(clock.millis());
      if (advanced != Watermark.NONE) {
        submit(new Advance(advanced)); // behind the deliveries staged before it
      } else {
        publish(); // a dispatcher that staged without publishing must not hold events back
      }
    } finally {
      watermark.lock().unlock();
    }
  }

  /**
   * Evaluates the buffered events before {@code to} in order, folding them into the statistics in
   * batches of {@link #DRAIN}, then moves every runtime to {@code to}.
   */
  private void release(long to) {
    if (to <= released) {
      return;
    }
    // Tickets complete only after the clock move below: the applied checkpoint must not pass an
    // event before the timers its release fires (tumbling windows, absences) stored their alerts,
    // or a crash in between would replay those events muted and lose the alerts (CrashRecoveryIT).
    List<Ticket> tickets = new ArrayList<>();
    try {
      List<ReorderBuffer.Pending> batch = new ArrayList<>();
      for (ReorderBuffer.Pending p = buffer.pollBefore(to); p != null; p = buffer.pollBefore(to)) {
        batch.add(p);
        tickets.add(p.ticket());
        if (batch.size() == DRAIN) {
          evaluate(batch);
          batch.clear();
        }
      }
      evaluate(batch);
      released = to;
      for (RuleRuntime runtime : runtimes.values()) {
        try {
          if (to > runtime.currentTime()) {
            runtime.advanceTime(to);
          }
        } catch (RuntimeException e) {
          metrics.ruleError();
          log.error("shard {}: advancing a runtime to {} failed", index, to, e);
        }
      }
    } finally {
      stats.done(tickets); // after the statistics they changed are written
    }
  }

  private void evaluate(List<ReorderBuffer.Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    for (ReorderBuffer.Pending p : batch) {
      runtime(p); // opened before the fold: whether its rules read stats decides what is fetched
    }
    EntityStatistics.Fold[] own = stats.foldReleased(batch, key -> {
      RuleRuntime r = runtimes.get(key);
      return r != null && r.readsStats();
    }, rebuild::covers, index, metrics);
    for (int i = 0; i < batch.size(); i++) {
      EntityStatistics.Peeked peeked = own[i] != null ? stats.before(batch.get(i), own[i], index, metrics) : null;
      evaluate(batch.get(i), peeked == null ? null : peeked.before(), peeked != null && peeked.repeat());
      if (peeked != null) {
        stats.applyPeeked(batch.get(i), own[i], index, metrics); // after: the view reads the live copy
      }
    }
    stats.settle(index, metrics, false);
  }

  /** The runtime of {@code p}'s route key, opened on first use; {@code null} when it cannot open. */
  private RuleRuntime runtime(ReorderBuffer.Pending p) {
    RuleRuntime runtime = runtimes.get(p.routeKey());
    if (runtime == null) {
      try {
        runtime = rules.open(p.routeKey(), p.event().timestamp(), sink);
        runtimes.put(p.routeKey(), runtime);
      } catch (RuntimeException e) {
        metrics.ruleError();
        log.error("shard {}: opening the runtime for route key {} failed", index,
            p.routeKey() == null ? "global" : p.routeKey(), e);
      }
    }
    return runtime;
  }

  /**
   * Sends one event to its runtime. Muted (see {@link Rebuild}) when the rebuild covers it, or when
   * its fold was a repeat: it was applied, and so evaluated, before a crash, and the statistics it
   * would see now already include it.
   */
  private void evaluate(ReorderBuffer.Pending p, StatsView before, boolean repeat) {
    Event event = p.event();
    boolean mutedBefore = Rebuild.mute(rebuild.covers(p.sequence()) || repeat);
    try {
      RuleRuntime runtime = runtime(p);
      if (runtime == null) {
        return;
      }
      EventTimePolicy.forwardOnly().beforeSend(runtime, event);
      runtime.send(event, before);
      if (!Rebuild.muted()) {
        metrics.processed(index, clock.millis() - event.timestamp());
      }
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error(
          "shard {}: evaluating event {} (type {}) for route key {} failed",
          index, event.id(), event.type(), p.routeKey() == null ? "global" : p.routeKey(), e);
    } finally {
      Rebuild.mute(mutedBefore);
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
