package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class ShardPool {

  private static final Logger log = LoggerFactory.getLogger(ShardPool.class);

  private final RuleSet rules;
  private final AdmissionGate gate;
  private final Shard[] shards;

  public ShardPool(
      int shardCount,
      RuleSet rules,
      MatchSink sink,
      AdmissionGate gate,
      EngineMetrics metrics,
      EventTimePolicy time,
      Clock clock) {
    this.rules = rules;
    this.gate = gate;
    this.shards = new Shard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new Shard(i, rules, sink, time, metrics, clock);
    }
  }

  public void start() {
    for (Shard shard : shards) {
      shard.start();
    }
  }

  /**
   * Queues an admitted event to every shard runtime it routes to. The caller holds one {@link
   * AdmissionGate} permit for the event; it is released when the last delivery is processed, or
   * right away when the event routes nowhere. {@code whenProcessed} runs once, on the thread
   * that finishes the last delivery (or on the caller's when there is none).
   */
  public void dispatch(Event event) {
    dispatch(event, () -> {});
  }

  /** As {@link #dispatch(Event)}, running {@code whenProcessed} once every delivery is done. */
  public void dispatch(Event event, Runnable whenProcessed) {
    // An immutable snapshot: rules deployed at runtime swap it under the caller's admission lock.
    java.util.Set<String> routeKeys = rules.routeKeys();
    List<Integer> targets = new ArrayList<>(routeKeys.size() + 1);
    List<String> keys = new ArrayList<>(routeKeys.size() + 1);
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
    if (targets.isEmpty()) {
      whenProcessed.run();
      gate.release(1);
      return;
    }
    Ticket ticket = new Ticket(targets.size(), gate, whenProcessed);
    for (int i = 0; i < targets.size(); i++) {
      shards[targets.get(i)].submit(new Shard.Deliver(event, keys.get(i), ticket));
    }
  }

  /** The shard of one key value: a mixed String hash (stable across JVMs) mod K. */
  public static int shardOf(String key, String value, int shardCount) {
    int h = (key + ":" + value).hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, shardCount);
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
