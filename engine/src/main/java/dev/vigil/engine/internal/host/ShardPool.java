package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.Event;
import dev.vigil.engine.internal.Hashes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K shard threads and the routing between them, as Flink's {@code keyBy}: for every route key
 * {@code k} (the {@code by} field of some rule) an event carrying a non-null {@code k} goes to
 * shard {@code hash(k + ":" + value) mod K}, into that shard's runtime for {@code k}, which holds
 * only the rules grouped by {@code k}. So each rule sees each event at most once, and all events
 * of one key value are evaluated in admission order by one thread. Global rules (no {@code by})
 * run in one runtime on shard 0 that receives every event. The route keys are read from the rule
 * set on every dispatch, so a rule deployed at runtime with a new {@code by} key routes the events
 * admitted after it.
 *
 * <p>Event time: each shard has a {@link Watermark}. Dispatch decides, in journal order, whether
 * an event is late (older than the late bound of any shard it routes to); late events go to no
 * runtime, only into the statistics. On-time events are queued with the watermark after them; the shard buffers them until
 * the watermark passes them (see {@code docs/design/event-time.md}).
 */
public final class ShardPool {

  private static final Logger log = LoggerFactory.getLogger(ShardPool.class);

  private final RuleSet rules;
  private final AdmissionGate gate;
  private final Shard[] shards;
  private StatsFolder stats = StatsFolder.disabled();
  private Rebuild rebuild = Rebuild.none();
  private AdmissionGate rebuildGate;
  private final Clock clock;

  /** What {@link #dispatch} returns for an event that is not late. */
  public static final long ON_TIME = Long.MIN_VALUE;

  public ShardPool(
      int shardCount,
      RuleSet rules,
      MatchSink sink,
      AdmissionGate gate,
      EngineMetrics metrics,
      LatenessPolicy lateness,
      Duration idleTimeout,
      Clock clock) {
    this.rules = rules;
    this.gate = gate;
    this.clock = clock;
    this.shards = new Shard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      Watermark watermark = new Watermark(lateness, idleTimeout.toMillis());
      shards[i] = new Shard(i, rules, sink, metrics, clock, watermark, idleTimeout.toMillis());
    }
  }

  /** Per-entity statistics to fold events into; set before {@link #start()}. */
  public void statistics(StatsFolder stats) {
    this.stats = stats;
    for (Shard shard : shards) {
      shard.statistics(stats, shards.length);
    }
  }

  /** Crash recovery: replayed events this covers are evaluated muted; set before {@link #start()}. */
  public void rebuild(Rebuild rebuild, AdmissionGate rebuildGate) {
    this.rebuild = rebuild;
    this.rebuildGate = rebuildGate;
    for (Shard shard : shards) {
      shard.rebuild(rebuild);
    }
  }

  public void start() {
    for (Shard shard : shards) {
      shard.start();
    }
  }

  /**
   * Queues an admitted event to every shard runtime it routes to, unless it is late. The caller
   * holds one {@link AdmissionGate} permit for the event and calls in journal order (one thread
   * at a time); the permit is released when the last delivery is evaluated, or right away when
   * the event is late or routes nowhere. {@code whenProcessed} runs once, on the thread that
   * finishes the last delivery (or on the caller's when there is none).
   *
   * @return {@link #ON_TIME}, or for a late event the time it was late against (the largest late
   *     bound among its shards)
   */
  public long dispatch(Event event, Runnable whenProcessed) {
    return dispatch(event, 0, whenProcessed);
  }

  /**
   * As above for the event with journal sequence {@code sequence}; statistics folds are tagged
   * with it, so a replayed event is not counted twice. Entity keys no rule routes by get a
   * statistics-only delivery ({@link Shard.StatsFold}) on the shard owning the key value; a late
   * event reaches no rule but gets a statistics-only delivery for every entity key it carries.
   */
  public long dispatch(Event event, long sequence, Runnable whenProcessed) {
    long result = stage(event, sequence, whenProcessed);
    publish();
    return result;
  }

  /**
   * As {@link #dispatch(Event, long, Runnable)}, but the deliveries are only staged: they reach the
   * shards at the next {@link #publish}, all of a batch as one queued task (one wake-up per shard
   * and batch, and the shard evaluates the batch in one release). Callers publish after their
   * batch; a shard that goes idle publishes what is staged for it too.
   */
  public long stage(Event event, long sequence, Runnable whenProcessed) {
    // An immutable snapshot: rules deployed at runtime swap it under the caller's admission lock.
    Set<String> routeKeys = rules.routeKeys();
    List<String> statsKeys = new ArrayList<>(stats.entityKeys(event));
    statsKeys.removeAll(routeKeys);
    // A rebuild event (docs/design/durability.md) was folded before the crash, and holds a permit
    // of its own gate: it is not admitted work of this run (awaitIdle does not wait for it).
    AdmissionGate gate = rebuild.covers(sequence) ? rebuildGate : this.gate;
    if (rebuild.covers(sequence)) {
      statsKeys.clear();
    }
    List<Integer> targets = new ArrayList<>(routeKeys.size() + 1);
    List<String> keys = new ArrayList<>(routeKeys.size() + 1);
    route(event, routeKeys, targets, keys);
    if (targets.isEmpty() && !statsKeys.isEmpty()) {
      submitStats(event, sequence, statsKeys, new Ticket(statsKeys.size(), gate, whenProcessed));
      return ON_TIME;
    }
    if (targets.isEmpty()) {
      whenProcessed.run();
      gate.release(1);
      return ON_TIME;
    }
    int[] locked = distinctAscending(targets); // ascending: one lock order
    for (int i : locked) {
      shards[i].watermark().lock().lock();
    }
    try {
      long lateAgainst = ON_TIME;
      for (int i : locked) {
        long bound = shards[i].watermark().lateBound(event.type());
        if (bound != Watermark.NONE && event.timestamp() < bound) {
          lateAgainst = Math.max(lateAgainst, bound);
        }
      }
      if (lateAgainst != ON_TIME) {
        foldLate(event, sequence, whenProcessed);
        return lateAgainst;
      }
      long now = clock.millis();
      Ticket ticket = new Ticket(targets.size() + statsKeys.size(), gate, whenProcessed);
      for (int i = 0; i < targets.size(); i++) {
        Shard shard = shards[targets.get(i)];
        long watermark = shard.watermark().observe(event.timestamp(), now);
        shard.stage(new Shard.Deliver(event, keys.get(i), ticket, watermark, sequence));
      }
      submitStats(event, sequence, statsKeys, ticket);
      return ON_TIME;
    } finally {
      for (int i : locked) {
        shards[i].watermark().lock().unlock();
      }
    }
  }

  /** Adds the shards {@code event} is delivered to, and the route key of each ({@code null}: global rules). */
  private void route(Event event, Set<String> routeKeys, List<Integer> targets, List<String> keys) {
    if (rules.hasGlobalRules()) {
      targets.add(0);
      keys.add(null);
    }
    for (String key : routeKeys) {
      Object value = event.field(key);
      if (value != null) {
        targets.add(shardOf(key, value.toString(), shards.length));
        keys.add(key);
      }
    }
  }

  /**
   * A batch was refused (429: queue full or heap guard; nothing of it admitted): every shard its events would have
   * been delivered to moves its watermark as if the oldest of those events had been admitted
   * ({@link Watermark#observeRefused}). A full queue then releases the buffered events older than
   * that, and the resent batch finds room and is on time, instead of waiting for idle progress,
   * which would move past the batch and make it late.
   */
  public void refused(List<Event> events) {
    Set<String> routeKeys = rules.routeKeys();
    List<List<Event>> byShard = new ArrayList<>(shards.length);
    for (int i = 0; i < shards.length; i++) {
      byShard.add(new ArrayList<>());
    }
    List<Integer> targets = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Event event : events) {
      targets.clear();
      keys.clear();
      route(event, routeKeys, targets, keys);
      for (int i : targets) {
        byShard.get(i).add(event);
      }
    }
    long now = clock.millis();
    for (int i = 0; i < shards.length; i++) {
      if (byShard.get(i).isEmpty()) {
        continue;
      }
      Watermark watermark = shards[i].watermark();
      watermark.lock().lock();
      try {
        long oldest = Long.MAX_VALUE; // of those not behind the watermark: the others are late anyway
        for (Event e : byShard.get(i)) {
          if (e.timestamp() >= watermark.current()) {
            oldest = Math.min(oldest, e.timestamp());
          }
        }
        long moved = oldest == Long.MAX_VALUE ? Watermark.NONE : watermark.observeRefused(oldest, now);
        if (moved != Watermark.NONE) {
          shards[i].submit(new Shard.Advance(moved)); // behind the deliveries staged before it
        }
      } finally {
        watermark.lock().unlock();
      }
    }
  }

  /**
   * A late event reaches no rule, but it still happened: it is folded into the statistics of every
   * entity it names (tagged with its sequence like any fold, so a replay counts it once); its
   * permit and completion wait for those folds.
   */
  private void foldLate(Event event, long sequence, Runnable whenProcessed) {
    List<String> keys = stats.entityKeys(event);
    if (keys.isEmpty()) {
      whenProcessed.run();
      gate.release(1);
      return;
    }
    submitStats(event, sequence, keys, new Ticket(keys.size(), gate, whenProcessed));
  }

  private void submitStats(Event event, long sequence, List<String> statsKeys, Ticket ticket) {
    for (String key : statsKeys) {
      shards[shardOf(key, event.field(key).toString(), shards.length)]
          .stage(new Shard.StatsFold(event, key, ticket, sequence));
    }
  }

  /** Queues what {@link #stage} staged, one task per shard. */
  public void publish() {
    for (Shard shard : shards) {
      shard.publish();
    }
  }

  private static int[] distinctAscending(List<Integer> values) {
    int[] out = new int[values.size()];
    int n = 0;
    for (int v : values) {
      out[n++] = v;
    }
    Arrays.sort(out);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (kept == 0 || out[kept - 1] != out[i]) {
        out[kept++] = out[i];
      }
    }
    return kept == n ? out : Arrays.copyOf(out, kept);
  }

  /**
   * The shard of one key value: a mixed String hash (stable across JVMs) mod K. The hash is that
   * of {@code key + ":" + value}, computed from the two strings' own (cached) hashes without
   * building the joined string.
   */
  public static int shardOf(String key, String value, int shardCount) {
    int h = 31 * key.hashCode() + ':';
    for (int i = 0; i < value.length(); i++) {
      h *= 31;
    }
    h += value.hashCode();
    return Math.floorMod(Hashes.fmix32(h), shardCount);
  }

  /**
   * Runs {@code action} on every open runtime, each on its own shard thread, after the events
   * already queued there. Completes when every shard has done so.
   */
  public CompletableFuture<Void> onEveryRuntime(Consumer<RuleRuntime> action) {
    CompletableFuture<?>[] all = new CompletableFuture<?>[shards.length];
    for (int i = 0; i < shards.length; i++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      shards[i].submit(new Shard.Control(action, done));
      all[i] = done;
    }
    return CompletableFuture.allOf(all);
  }

  /** Completes once every shard has handled the tasks queued before this call. */
  public CompletableFuture<Void> barrier() {
    return onEveryRuntime(runtime -> {});
  }

  /**
   * Stops the threads after they processed everything queued so far, then destroys the runtimes.
   * Callers stop admitting first.
   */
  public void stop(Duration timeout) {
    for (Shard shard : shards) {
      shard.submit(new Shard.Stop());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Shard shard : shards) {
      try {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        shard.thread().join(left);
        if (shard.thread().isAlive()) {
          log.warn("{} did not stop within {}; interrupting", shard.thread().getName(), timeout);
          shard.thread().interrupt();
          shard.thread().join(1_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public int size() {
    return shards.length;
  }
}
