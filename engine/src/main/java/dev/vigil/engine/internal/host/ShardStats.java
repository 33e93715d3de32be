package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's side of the statistics (kept apart from {@link Shard} so the shard loop only calls
 * it): when an event is evaluated in a rule runtime, fold it into that runtime's entity and hand
 * the rules the statistics from before it; for entities no rule routes by, collect the folds
 * ({@link Shard.StatsFold}) and send them as one batch when the queue runs dry or {@link #BATCH}
 * are pending. Their tickets complete after the batch, so the applied checkpoint never passes an
 * event whose statistics are not stored.
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

  /** The entity's statistics before this event, then folded; {@code null} when not tracked. */
  EntityStats foldAndGetBefore(long sequence, Event event, String routeKey, int shard, EngineMetrics metrics) {
    if (routeKey == null || !folder.enabled() || Rebuild.muted() || event.field(routeKey) == null
        || !folder.entityKeys(event).contains(routeKey)) {
      return null;
    }
    try {
      EntityStatistics.Folded folded = folder.foldAndGetBefore(sequence, event, routeKey);
      if (folded.repeat()) {
        // Applied before a crash: so was this evaluation; mute it (the shard restores the flag).
        Rebuild.mute(true);
      }
      return folded.before() != null ? folded.before() : empty(event, routeKey);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics of {} for event {} not updated", shard, routeKey, event.id(), e);
      return null;
    }
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
      List<EntityStatistics.Fold> folds = new ArrayList<>(pending.size());
      for (Shard.StatsFold f : pending) {
        folds.add(folder.fold(f.sequence(), f.event(), f.keyField()));
      }
      folder.foldAll(folds);
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: statistics batch of {} folds failed", shard, pending.size(), e);
    } finally {
      pending.forEach(f -> f.ticket().done());
      pending.clear();
    }
  }

  /** No history: counts are zero, everything else absent (see docs/rules-epl.md). */
  static EntityStats empty(Event event, String routeKey) {
    long t = event.timestamp();
    return new EntityStats(routeKey, String.valueOf(event.field(routeKey)), 0, t, t, t, Map.of(), Map.of());
  }
}
