package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.engine.spi.StatsView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's side of the statistics (kept apart from {@link Shard} so the shard loop only calls
 * it). Statistics-only folds ({@link Shard.StatsFold}: entities no rule routes by, and late
 * events) are collected; when the shard releases events from its reorder buffer, {@link
 * #foldReleased} folds the released events whose rules do not read statistics, and the collected
 * folds with them, in one batch, and marks the others for {@link #before} right before their
 * evaluation. Collected folds also go out on their own when {@link #BATCH} are pending or the
 * shard {@link #flush}es.
 *
 * <p>With a {@link EntityStatistics.Writer} (a single node) the shard folds its own entities in
 * place and writes the changes to the store after the alerts of the batches that made them, behind
 * by at most {@link #WRITE_BEHIND_NANOS} (sooner when {@link #WRITE_BEHIND_ENTITIES} entities wait,
 * and before a control task or a stop): an entity a batch touches many times is encoded and
 * written once (on P5 a merchant is folded ~40 times a second, a user about twice). The tickets of
 * the events folded (released and statistics-only) complete only after that write, so the applied
 * checkpoint never passes an event whose statistics are not stored: a crash before the write
 * replays those events unmuted against the statistics before them, so they alert again with the
 * same ids (deduplicated); a crash after it finds their folds applied and mutes them, their alerts
 * being stored already. Readers outside the shard (decisions, the entities API) read the store,
 * so they see an entity as of the last write. Without a writer every fold is a call to the store
 * and tickets complete at {@link #settle} (see docs/design/statistics.md).
 */
final class ShardStats {
  static final int BATCH = 256;
  /**
   * Write-behind of a writer's changes: written once this long has passed since the oldest change
   * or ticket not yet written (an idle shard waits for its next task no longer than that), when
   * this many entities wait, or before an advance, a control task or stop. One second, not 100 ms
   * (until 2026-11-27): the written volume is then bounded by the entities a second touches, not
   * by the event rate (P5: ~2.4 entity writes per event at 100 ms, when users and cards seldom
   * repeat within it), ~20 % more events per second in-process (docs/performance.md, tenth pass).
   * Readers outside the shard are behind by the allowed lateness anyway (an event is folded when
   * the watermark releases it); the applied checkpoint lags by up to this much more.
   */
  static final long WRITE_BEHIND_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final int WRITE_BEHIND_ENTITIES = 32_768;
  private static final long NONE = Long.MIN_VALUE;
  private static final Logger log = LoggerFactory.getLogger(ShardStats.class);

  private final LongSupplier nanoTime;
  private StatsFolder folder = StatsFolder.disabled();
  /** The shard's own entities, or {@code null}: every fold goes to the store. */
  private EntityStatistics.Writer writer;
  private final List<Shard.StatsFold> pending = new ArrayList<>();
  /** Tickets of events whose folds the writer holds unwritten: they complete after the next write. */
  private final List<Ticket> unwritten = new ArrayList<>();
  /** {@link System#nanoTime} of the oldest pending fold, unwritten change or ticket; {@link #NONE} if none. */
  private long since = NONE;

  /** @param nanoTime {@link System#nanoTime}, or a test's clock */
  ShardStats(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  void folder(StatsFolder folder, int shards) {
    this.folder = folder;
    this.writer = folder.writer(shards).orElse(null);
  }

  /** Whether the write-behind delay of the oldest pending item is up: the shard should {@link #flush}. */
  boolean due() {
    return since != NONE && nanoTime.getAsLong() - since >= WRITE_BEHIND_NANOS;
  }

  /**
   * How long the shard may wait for its next task before {@link #flush}ing: {@code idleMillis}
   * when nothing is pending, else until the write-behind delay of the oldest pending item is up.
   */
  long waitMillis(long idleMillis) {
    if (since == NONE) {
      return idleMillis;
    }
    long left = since + WRITE_BEHIND_NANOS - nanoTime.getAsLong();
    return left <= 0 ? 0 : Math.min(idleMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1);
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
    for (int i = 0; i < released.size(); i++) {
      ReorderBuffer.Pending p = released.get(i);
      if (!tracked(p.event(), p.routeKey()) || rebuilt.test(p.sequence())) {
        continue;
      }
      EntityStatistics.Fold f = folder.fold(p.sequence(), p.event(), p.routeKey());
      if (readsStats.test(p.routeKey())) {
        own[i] = f;
      } else {
        blind.add(f);
      }
    }
    foldBlind(blind, shard, metrics);
    return own;
  }

  /**
   * Folds {@code blind} in one batch: through the shard's writer, else in one round trip to the store.
   */
  private void foldBlind(List<EntityStatistics.Fold> blind, int shard, EngineMetrics metrics) {
    try {
      if (writer != null) {
        // One lookup per fold: reading an entity ahead (a prefetch pass) cost a second hash-table
        // lookup per fold, ~3 % of the shards' time over HTTP, for point reads it does one by one anyway.
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
    touch();
    if (pending.size() >= BATCH) {
      foldPending(shard, metrics, false);
    }
  }

  /**
   * Folds the pending statistics-only folds on their own and writes everything the writer holds
   * (the write-behind delay is up, or an advance, a control task or stop is next).
   */
  void flush(int shard, EngineMetrics metrics) {
    foldPending(shard, metrics, true);
  }

  /** Folds the pending statistics-only folds in one batch, then {@link #settle}s. */
  private void foldPending(int shard, EngineMetrics metrics, boolean force) {
    if (!pending.isEmpty()) {
      foldBlind(blindFolds(), shard, metrics);
    }
    settle(shard, metrics, force);
  }

  /**
   * After the evaluation of a batch (its alerts are stored): hands the pending folds' tickets to
   * the next write, and writes what the shard's writer changed when {@code force}d or due (see
   * {@link #WRITE_BEHIND_NANOS}). Without a writer the folds are stored already and the tickets
   * complete now.
   */
  void settle(int shard, EngineMetrics metrics, boolean force) {
    for (Shard.StatsFold f : pending) {
      unwritten.add(f.ticket());
    }
    pending.clear();
    if (writer == null) {
      completeUnwritten();
      return;
    }
    if (writer.unsaved() > 0 || !unwritten.isEmpty()) {
      touch();
    }
    if (since != NONE && (force || writer.unsaved() >= WRITE_BEHIND_ENTITIES || due())) {
      write(shard, metrics);
    }
  }

  /**
   * Completes the tickets of released events once their statistics are written (at once without
   * a writer): the applied checkpoint must not pass an event whose folds a crash would lose.
   */
  void done(List<Ticket> tickets) {
    if (writer == null) {
      tickets.forEach(Ticket::done);
    } else if (!tickets.isEmpty()) {
      unwritten.addAll(tickets);
      touch();
    }
  }

  /**
   * Stores what the shard's writer changed and completes the tickets waiting for it. A failed
   * write stays pending in the writer and goes with the next; the tickets complete anyway (as an
   * event whose evaluation failed does).
   */
  private void write(int shard, EngineMetrics metrics) {
    try {
      writer.flush();
    } catch (RuntimeException e) {
      metrics.ruleError();
      log.error("shard {}: writing the statistics of a batch failed; retried with the next", shard, e);
    } finally {
      completeUnwritten();
    }
  }

  private void touch() {
    if (since == NONE) {
      since = nanoTime.getAsLong();
    }
  }

  private void completeUnwritten() {
    unwritten.forEach(Ticket::done);
    unwritten.clear();
    since = NONE;
  }

  private List<EntityStatistics.Fold> blindFolds() {
    List<EntityStatistics.Fold> folds = new ArrayList<>(pending.size());
    for (Shard.StatsFold f : pending) {
      folds.add(folder.fold(f.sequence(), f.event(), f.keyField()));
    }
    return folds;
  }

  /** No history: counts are zero, everything else absent (see docs/rules-epl.md). */
  static EntityStats empty(Event event, String routeKey) {
    long t = event.timestamp();
    return new EntityStats(routeKey, String.valueOf(event.field(routeKey)), 0, t, t, t, Map.of(), Map.of());
  }
}
