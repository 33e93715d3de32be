package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's side of the statistics (kept apart from {@link Shard} so the shard loop only calls
 * it). Statistics-only folds ({@link Shard.StatsFold}: entities no rule routes by, and late
 * events) are collected; when the shard releases events from its reorder buffer, {@link
 * #foldReleased} folds every released event into its runtime's entity, and the collected folds
 * with them, in one batched round trip, and hands back the statistics each event's rules see (as
 * before that event: the same values as folding one event at a time). Collected folds also go out
 * on their own ({@link #flush}) when the queue runs dry or {@link #BATCH} are pending. Tickets of
 * collected folds complete after their batch, so the applied checkpoint never passes an event
 * whose statistics are not stored.
 */
final class ShardStats {
  static final int BATCH = 256;
  private static final Logger log = LoggerFactory.getLogger(ShardStats.class);

  private StatsFolder folder = StatsFolder.disabled();
  private final List<Shard.StatsFold> pending = new ArrayList<>();

  void folder(StatsFolder folder) {
    this.folder = folder;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Per released event: the statistics its rules see, and whether its fold was a repeat. */
  record Released(EntityStats[] before, boolean[] repeat) {}

  /**
   * Folds the released events (in order) and the pending statistics-only folds; returns, per
   * released event, the statistics of its runtime's entity before it, or {@code null} when not
   * tracked (global runtime, statistics off, the key is not an entity key, the rebuild covers the
   * event: it was folded before the restart), when no rule of the event's runtime ({@code
   * readsStats} of its route key) reads them, or when the store failed; and whether the fold was
   * a repeat (applied before a crash; known only where the state was fetched).
   */
  Released foldReleased(List<ReorderBuffer.Pending> released, Predicate<String> readsStats, LongPredicate rebuilt,
      int shard, EngineMetrics metrics) {
    Released out = new Released(new EntityStats[released.size()], new boolean[released.size()]);
    if (!folder.enabled()) {
      return out;
    }
    List<Integer> tracked = new ArrayList<>(released.size());
    List<EntityStatistics.Fold> folds = new ArrayList<>(released.size());
    List<EntityStatistics.Fold> blind = blindFolds();
    for (int i = 0; i < released.size(); i++) {
      ReorderBuffer.Pending p = released.get(i);
      if (!tracked(p.event(), p.routeKey()) || rebuilt.test(p.sequence())) {
        continue;
      }
      EntityStatistics.Fold fold = folder.fold(p.sequence(), p.event(), p.routeKey());
      if (readsStats.test(p.routeKey())) {
        tracked.add(i);
        folds.add(fold);
      } else {
        blind.add(fold); // no rule of this runtime reads stats: fold without fetching the state
      }
    }
    try {
      List<EntityStatistics.Folded> stats = folder.foldAllAndGetBefore(folds, blind);
      for (int j = 0; j < tracked.size(); j++) {
        ReorderBuffer.Pending p = released.get(tracked.get(j));
        EntityStatistics.Folded f = stats.get(j);
        out.before()[tracked.get(j)] = f.before() != null ? f.before() : empty(p.event(), p.routeKey());
        out.repeat()[tracked.get(j)] = f.repeat();
      }
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} released events and {} other folds not updated", shard,
          folds.size(), blind.size(), e);
    } finally {
      completePending();
    }
    return out;
  }

  private boolean tracked(Event event, String routeKey) {
    return routeKey != null && event.field(routeKey) != null && folder.entityKeys(event).contains(routeKey);
  }

  void defer(Shard.StatsFold f, int shard, EngineMetrics metrics) {
    pending.add(f);
    if (pending.size() >= BATCH) {
      flush(shard, metrics);
    }
  }

  void flush(int shard, EngineMetrics metrics) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      folder.foldAll(blindFolds());
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics batch of {} folds failed", shard, pending.size(), e);
    } finally {
      completePending();
    }
  }

  private List<EntityStatistics.Fold> blindFolds() {
    List<EntityStatistics.Fold> folds = new ArrayList<>(pending.size());
    for (Shard.StatsFold f : pending) {
      folds.add(folder.fold(f.sequence(), f.event(), f.keyField()));
    }
    return folds;
  }

  private void completePending() {
    pending.forEach(f -> f.ticket().done());
    pending.clear();
  }

  /** No history: counts are zero, everything else absent (see docs/rules-epl.md). */
  static EntityStats empty(Event event, String routeKey) {
    long t = event.timestamp();
    return new EntityStats(routeKey, String.valueOf(event.field(routeKey)), 0, t, t, t, Map.of(), Map.of());
  }
}
