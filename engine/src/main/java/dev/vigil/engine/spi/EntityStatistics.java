package dev.vigil.engine.spi;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.KeptStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-entity rolling statistics (port; the Hazelcast implementation lives in {@code
 * engine.internal.state}). Folds are idempotent: each is tagged with its source (a node's
 * journal), its journal sequence and the source's floor (its persisted applied checkpoint); an
 * entity ignores a sequence at or below the floor or one it already applied.
 */
public interface EntityStatistics extends AutoCloseable {

  /**
   * One event to fold into the entity {@code keyField = event.field(keyField)}, counting the
   * distinct values of {@code dimensions} (those the node keeps, {@code stats.dimensions}).
   */
  record Fold(long source, long sequence, long floor, Event event, EventType type, String keyField,
      List<String> dimensions) {

    /** Counting the distinct values of every dimension. */
    public Fold(long source, long sequence, long floor, Event event, EventType type, String keyField) {
      this(source, sequence, floor, event, type, keyField, KeptStatistics.DIMENSIONS);
    }
  }

  /**
   * Folds one event in and returns the entity's statistics as they were before it, as of the
   * event's time; {@code null} when the entity had no history. If the event was already applied,
   * nothing changes and the current statistics are returned.
   */
  EntityStats foldAndGetBefore(Fold fold);

  /**
   * As {@link #foldAndGetBefore}, also telling whether the fold was a repeat (already applied
   * before a crash): then the event's evaluation already ran too (see docs/design/durability.md).
   */
  default Folded fold(Fold fold) {
    return new Folded(foldAndGetBefore(fold), false);
  }

  /** What {@link #fold} returns: the statistics before the event, and whether it was a repeat. */
  record Folded(EntityStats before, boolean repeat) {}

  /**
   * What {@link Writer#peek} returns: the statistics before the event ({@code null}: no history)
   * and whether its fold is a repeat.
   */
  record Peeked(StatsView before, boolean repeat) {}

  /** Folds several events (of any entities, each entity's in sequence order) in one round trip. */
  void foldAll(List<Fold> folds);

  /** The current statistics, as of the entity's latest event time. */
  Optional<EntityStats> get(String keyField, String key);

  /**
   * The current statistics as of event time {@code asOf} (windows end there), with {@link
   * EntityStats#seen} for {@code values} (dimension to the asking event's value): what a decision
   * reads before its event is ingested. Empty when the entity has no history.
   */
  Optional<EntityStats> read(String keyField, String key, long asOf, Map<String, ?> values);

  boolean running();

  /**
   * A {@link Writer} for one of {@code writers} shards, or empty when every fold must go to the
   * store (a cluster: other nodes fold into the same entities). The writers share the store's
   * configured cache size.
   */
  default Optional<Writer> writer(int writers) {
    return Optional.empty();
  }

  /**
   * The single writer of the entities one shard owns: every fold of an entity comes from the shard
   * its key hashes to, on that shard's thread, so the entity can live there as a plain object and
   * a fold is a method call. Changes reach the store (and through it the disk) at {@link #flush};
   * until then reads through the store see the state of the last flush. Not thread-safe: one
   * shard thread.
   */
  interface Writer {
    /** As {@link EntityStatistics#fold}, applied to the shard's copy. */
    Folded fold(Fold fold);

    /**
     * The statistics before {@code fold}'s event as a view of the shard's copy, and whether the
     * fold is a repeat, without applying it: the caller reads the view, then applies the fold
     * with {@link #add}. The view is valid until the entity changes.
     */
    Peeked peek(Fold fold);

    /** Folds without reading the statistics before the event. */
    void add(Fold fold);

    /**
     * Writes every entity changed since the last flush to the store; returns when they are stored
     * (and written through). On failure they stay pending and go with the next flush.
     */
    void flush();

    /** How many entities changed since the last flush (written by the next). */
    int unsaved();
  }

  /**
   * Writes every entity this member changes through to {@code snapshots} and loads entities it
   * does not hold from there (see {@code docs/design/durability.md}); call before the first fold.
   */
  default void persistTo(EntitySnapshots snapshots) {}

  @Override
  void close();
}
