package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.KeptStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The shards' access to per-entity statistics: which entities an event updates (the entity key
 * fields of its type that it carries), and the folds, tagged with this node's source id and the
 * event's journal sequence so a replay changes nothing. {@link #disabled()} folds nothing.
 */
public final class StatsFolder {
  private static final String SOURCE_FILE = "stats-source-id";

  private final EntityStatistics statistics;
  private final Function<String, Optional<EventType>> types;
  private final long source;
  private final LongSupplier floor;
  /** What is kept: which entity keys fold at all, and which dimensions they count. */
  private final StatisticsScope kept;
  /** {@link #kept}'s dimensions in {@link KeptStatistics#DIMENSIONS} order, shared by every fold. */
  private final List<String> dimensions;

  /**
   * @param floor this node's persisted applied checkpoint: sequences at or below it are never
   *     replayed, so entities may forget them
   */
  public StatsFolder(EntityStatistics statistics, Function<String, Optional<EventType>> types, long source,
      LongSupplier floor) {
    this(statistics, types, source, floor, StatisticsScope.EVERYTHING);
  }

  /** @param kept the statistics kept ({@code stats.entity_keys}, {@code stats.dimensions}) */
  public StatsFolder(EntityStatistics statistics, Function<String, Optional<EventType>> types, long source,
      LongSupplier floor, StatisticsScope kept) {
    this.kept = kept;
    this.dimensions = KeptStatistics.DIMENSIONS.stream().filter(kept::keepsDimension).toList();
    this.statistics = statistics;
    this.types = types;
    this.source = source;
    this.floor = floor;
  }

  public static StatsFolder disabled() {
    return new StatsFolder(null, name -> Optional.empty(), 0, () -> 0);
  }

  boolean enabled() {
    return statistics != null;
  }

  /** The kept key fields of one event type (immutable, so racy reuse is safe). */
  private record TypeKeys(EventType type, List<String> keys) {}

  /** Per type name; replaced when the type is (re)declared, i.e. when the instance differs. */
  private final Map<String, TypeKeys> keysByType = new ConcurrentHashMap<>();

  /**
   * The entity key fields of the event's type that the event carries and whose statistics are kept
   * (empty when disabled).
   */
  List<String> entityKeys(Event event) {
    if (statistics == null) {
      return List.of();
    }
    Optional<EventType> type = types.apply(event.type());
    if (type.isEmpty()) {
      return List.of();
    }
    TypeKeys known = keysByType.get(event.type());
    if (known == null || known.type() != type.get()) {
      List<String> keys = type.get().keys(); // streams the fields: once per type
      known = new TypeKeys(type.get(), keys.stream().filter(kept::keepsKey).toList());
      keysByType.put(event.type(), known);
    }
    List<String> keys = new ArrayList<>(4);
    for (String k : known.keys()) {
      if (event.field(k) != null) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** Folds the event into entity {@code keyField} and returns the statistics before it. */
  EntityStatistics.Folded foldAndGetBefore(long sequence, Event event, String keyField) {
    return apply(fold(sequence, event, keyField));
  }

  /** Folds one prepared {@link #fold} in the store and returns the statistics before it. */
  EntityStatistics.Folded apply(EntityStatistics.Fold fold) {
    return statistics.fold(fold);
  }

  EntityStatistics.Fold fold(long sequence, Event event, String keyField) {
    return new EntityStatistics.Fold(source, sequence, floor.getAsLong(), event,
        types.apply(event.type()).orElseThrow(), keyField, dimensions);
  }

  void foldAll(List<EntityStatistics.Fold> folds) {
    statistics.foldAll(folds);
  }

  /** The statistics' writer for one of {@code shards} shards, when it offers one. */
  Optional<EntityStatistics.Writer> writer(int shards) {
    return statistics == null ? Optional.empty() : statistics.writer(shards);
  }

  /**
   * This node's source id: a random 64-bit number kept in the data directory, so it survives
   * restarts together with the journal whose sequences it qualifies.
   */
  public static long sourceId(Path dataDir) {
    Path file = dataDir.resolve(SOURCE_FILE);
    try {
      if (Files.exists(file)) {
        return Long.parseUnsignedLong(Files.readString(file, StandardCharsets.US_ASCII).trim(), 16);
      }
      long id = new SecureRandom().nextLong();
      Path tmp = dataDir.resolve(SOURCE_FILE + ".tmp");
      Files.writeString(tmp, Long.toHexString(id) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}
