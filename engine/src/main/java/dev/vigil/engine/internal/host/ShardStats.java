package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.spi.EntityStatistics;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's side of the statistics (kept apart from {@link Shard} so the shard loop only calls
 * it): for a delivery to a rule runtime, fold the event into that entity and hand the rules the
 * statistics from before it; for entities no rule routes by, collect the folds and send them as
 * one batch when the queue runs dry or {@link #BATCH} are pending. Their tickets complete after
 * the batch, so the applied checkpoint never passes an event whose statistics are not stored.
 */
final class ShardStats {
  static final int BATCH = 256;
  private static final Logger log = LoggerFactory.getLogger(ShardStats.class);

  private StatsFolder folder = StatsFolder.disabled();
  private final List<Shard.Deliver> pending = new ArrayList<>();

  void folder(StatsFolder folder) {
    this.folder = folder;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** The entity's statistics before this event, then folded; {@code null} when not tracked. */
  EntityStats foldAndGetBefore(Shard.Deliver d, int shard, EngineMetrics metrics) {
    if (d.routeKey() == null || !folder.enabled() || d.event().field(d.routeKey()) == null
        || !folder.entityKeys(d.event()).contains(d.routeKey())) {
      return null;
    }
    try {
      EntityStats before = folder.foldAndGetBefore(d.sequence(), d.event(), d.routeKey());
      return before != null ? before : empty(d);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} for event {} not updated", shard, d.routeKey(), d.event().id(), e);
      return null;
    }
  }

  void defer(Shard.Deliver d, int shard, EngineMetrics metrics) {
    pending.add(d);
    if (pending.size() >= BATCH) {
      flush(shard, metrics);
    }
  }

  void flush(int shard, EngineMetrics metrics) {
    if (pending.isEmpty()) {
      return;
    }
    try {
      List<EntityStatistics.Fold> folds = new ArrayList<>(pending.size());
      for (Shard.Deliver d : pending) {
        folds.add(folder.fold(d.sequence(), d.event(), d.routeKey()));
      }
      folder.foldAll(folds);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics batch of {} folds failed", shard, pending.size(), e);
    } finally {
      pending.forEach(d -> d.ticket().done());
      pending.clear();
    }
  }

  /** No history: counts are zero, everything else absent (see docs/rules-epl.md). */
  private static EntityStats empty(Shard.Deliver d) {
    long t = d.event().timestamp();
    return new EntityStats(d.routeKey(), String.valueOf(d.event().field(d.routeKey())), 0, t, t, t,
        java.util.Map.of(), java.util.Map.of());
  }
}
