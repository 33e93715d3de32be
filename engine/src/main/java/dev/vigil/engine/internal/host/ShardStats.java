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

  /**
   * Folds, in one batched round trip, the released events whose runtime's rules do not read
   * statistics ({@code readsStats} of the route key is false) and the pending statistics-only
   * folds; returns which released events need their own fold, {@link #foldOne}, right before their
   * evaluation (their rules read the state before them). Those are not batched on purpose: a fold
   * is durable (written through) before its event's alerts are stored, and after a crash in
   * between, the re-fold is a repeat that mutes the evaluation; folding a whole batch ahead would
   * widen that window from one event to the batch and lose its alerts (caught by
   * CrashRecoveryIT). Blind folds are never muted: their events are evaluated again after a crash
   * and their alerts, with deterministic ids, are deduplicated. Events the rebuild covers, and
   * events of untracked entities, are not folded.
   */
  boolean[] foldReleased(List<ReorderBuffer.Pending> released, Predicate<String> readsStats, LongPredicate rebuilt,
      int shard, EngineMetrics metrics) {
    boolean[] foldOne = new boolean[released.size()];
    if (!folder.enabled()) {
      return foldOne;
    }
    List<EntityStatistics.Fold> blind = blindFolds();
    for (int i = 0; i < released.size(); i++) {
      ReorderBuffer.Pending p = released.get(i);
      if (!tracked(p.event(), p.routeKey()) || rebuilt.test(p.sequence())) {
        continue;
      }
      if (readsStats.test(p.routeKey())) {
        foldOne[i] = true;
      } else {
        blind.add(folder.fold(p.sequence(), p.event(), p.routeKey()));
      }
    }
    try {
      folder.foldAll(blind);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics batch of {} folds not updated", shard, blind.size(), e);
    } finally {
      completePending();
    }
    return foldOne;
  }

  /**
   * Folds one released event into its runtime's entity; returns the statistics before it (empty
   * history: zero counts) and whether it was a repeat, or {@code null} when the store failed.
   */
  EntityStatistics.Folded foldOne(ReorderBuffer.Pending p, int shard, EngineMetrics metrics) {
    try {
      EntityStatistics.Folded f = folder.foldAndGetBefore(p.sequence(), p.event(), p.routeKey());
      return f.before() != null ? f : new EntityStatistics.Folded(empty(p.event(), p.routeKey()), f.repeat());
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} for event {} not updated", shard, p.routeKey(), p.event().id(), e);
      return null;
    }
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
