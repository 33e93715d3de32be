package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.engine.spi.StatsView;
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
 * #foldReleased} folds the released events whose rules do not read statistics, and the collected
 * folds with them, in one batch, and marks the others for {@link #before} right before their
 * evaluation. Collected folds also go out on their own ({@link #flush}) when the queue runs dry or
 * {@link #BATCH} are pending. Tickets of collected folds complete at {@link #settle}, after their
 * batch is stored, so the applied checkpoint never passes an event whose statistics are not.
 *
 * <p>With a {@link EntityStatistics.Writer} (a single node) the shard folds its own entities in
 * place and {@link #settle} writes the batch's changes to the store after the batch's alerts: a
 * crash before that replays the batch's events unmuted against the statistics before them, so
 * they alert again with the same ids (deduplicated); a crash after it finds their folds applied
 * and mutes them, their alerts being stored already. Without a writer every fold is a call to the
 * store (see docs/design/statistics.md).
 */
final class ShardStats {
  static final int BATCH = 256;
  private static final Logger log = LoggerFactory.getLogger(ShardStats.class);

  private StatsFolder folder = StatsFolder.disabled();
  /** The shard's own entities, or {@code null}: every fold goes to the store. */
  private EntityStatistics.Writer writer;
  private final List<Shard.StatsFold> pending = new ArrayList<>();

  void folder(StatsFolder folder, int shards) {
    this.folder = folder;
    this.writer = folder.writer(shards).orElse(null);
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Folds, in one batch, the released events whose runtime's rules do not read statistics ({@code
   * readsStats} of the route key is false) and the pending statistics-only folds; returns, per
   * released event, the fold to read and apply with {@link #before} around its evaluation (its rules
   * read the state before it), or {@code null}. Without a writer those are not batched on purpose: such a
   * fold is durable before its event's alerts are stored, and after a crash in between the
   * re-fold is a repeat that mutes the evaluation; folding a whole batch ahead would widen that
   * window from one event to the batch and lose its alerts (caught by CrashRecoveryIT). Blind
   * folds are never muted: their events are evaluated again after a crash and their alerts, with
   * deterministic ids, are deduplicated. Events the rebuild covers, and events of untracked
   * entities, are not folded.
   */
  EntityStatistics.Fold[] foldReleased(List<ReorderBuffer.Pending> released, Predicate<String> readsStats,
      LongPredicate rebuilt, int shard, EngineMetrics metrics) {
    EntityStatistics.Fold[] own = new EntityStatistics.Fold[released.size()];
    if (!folder.enabled()) {
      return own;
    }
    List<EntityStatistics.Fold> blind = blindFolds();
    List<EntityStatistics.Fold> reading = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      ReorderBuffer.Pending p = released.get(i);
      if (!tracked(p.event(), p.routeKey()) || rebuilt.test(p.sequence())) {
        continue;
      }
      EntityStatistics.Fold f = folder.fold(p.sequence(), p.event(), p.routeKey());
      if (readsStats.test(p.routeKey())) {
        own[i] = f;
        reading.add(f);
      } else {
        blind.add(f);
      }
    }
    foldBlind(blind, reading, shard, metrics);
    return own;
  }

  /**
   * Folds {@code blind} in one batch: through the shard's writer (reading the entities of {@code
   * reading}, folded next one by one, with them), else in one round trip to the store.
   */
  private void foldBlind(List<EntityStatistics.Fold> blind, List<EntityStatistics.Fold> reading, int shard,
      EngineMetrics metrics) {
    try {
      if (writer != null) {
        writer.prefetch(reading);
        writer.prefetch(blind);
        blind.forEach(writer::add);
      } else {
        folder.foldAll(blind);
      }
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics batch of {} folds not updated", shard, blind.size(), e);
    }
  }

  /**
   * The statistics before released event {@code p} for the fold {@link #foldReleased} gave it,
   * and whether that fold is a repeat; {@code null} when the store failed. With a writer the fold
   * is not applied yet: the view reads the shard's live copy, so the caller evaluates the event
   * first and then {@link #applyPeeked}s the fold (nothing else changes the entity in between).
   * Without one the fold is applied in the store here and the view is of its answer.
   */
  EntityStatistics.Peeked before(ReorderBuffer.Pending p, EntityStatistics.Fold fold, int shard,
      EngineMetrics metrics) {
    try {
      if (writer != null) {
        return writer.peek(fold);
      }
      EntityStatistics.Folded f = folder.apply(fold);
      EntityStats before = f.before() != null ? f.before() : empty(p.event(), p.routeKey());
      return new EntityStatistics.Peeked(StatsView.of(before), f.repeat());
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} for event {} not read", shard, p.routeKey(), p.event().id(), e);
      return null;
    }
  }

  /** Applies a fold {@link #before} only peeked at (with a writer), after its event's evaluation. */
  void applyPeeked(ReorderBuffer.Pending p, EntityStatistics.Fold fold, int shard, EngineMetrics metrics) {
    if (writer == null) {
      return;
    }
    try {
      writer.add(fold);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} for event {} not updated", shard, p.routeKey(), p.event().id(), e);
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

  /** Folds the pending statistics-only folds on their own (the queue ran dry), then {@link #settle}s. */
  void flush(int shard, EngineMetrics metrics) {
    if (pending.isEmpty()) {
      return;
    }
    foldBlind(blindFolds(), List.of(), shard, metrics);
    settle(shard, metrics);
  }

  /**
   * Stores what the shard's writer changed (after the evaluation of a batch: its alerts are
   * stored) and completes the pending folds' tickets. A failed write stays pending in the writer
   * and goes with the next.
   */
  void settle(int shard, EngineMetrics metrics) {
    try {
      if (writer != null) {
        writer.flush();
      }
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: writing the statistics of a batch failed; retried with the next", shard, e);
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
