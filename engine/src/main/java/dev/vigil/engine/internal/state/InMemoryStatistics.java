package dev.vigil.engine.internal.state;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.spi.EntityStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-entity statistics in a plain map, for dry runs ({@code POST /v1/rules/test}, {@code vigil
 * rules test}): the same {@link EntityState} numerics and the same {@link FoldProcessor} as the
 * Hazelcast store, run on the caller's thread with no member, so a rule test sees exactly what
 * the engine would and never touches the real statistics. Not thread-safe; one per dry run.
 */
public final class InMemoryStatistics implements EntityStatistics {

  private final Map<String, EntityState> entities = new HashMap<>();

  @Override
  public EntityStats foldAndGetBefore(Fold fold) {
    String value = String.valueOf(fold.event().field(fold.keyField()));
    EntityState before = apply(HazelcastStatistics.key(fold.keyField(), value), HazelcastStatistics.processor(fold, true));
    return before == null ? null : StatsViews.of(fold.keyField(), value, before, fold.event().timestamp(),
        HazelcastStatistics.dimensions(fold));
  }

  @Override
  public void foldAll(List<Fold> folds) {
    for (Fold f : folds) {
      String value = String.valueOf(f.event().field(f.keyField()));
      apply(HazelcastStatistics.key(f.keyField(), value), HazelcastStatistics.processor(f, false));
    }
  }

  private EntityState apply(String key, FoldProcessor processor) {
    FoldProcessor.Outcome o = processor.fold(entities.get(key));
    if (o.changed() != null) {
      entities.put(key, o.changed());
    }
    return o.result();
  }

  @Override
  public Optional<EntityStats> get(String keyField, String key) {
    EntityState s = entities.get(HazelcastStatistics.key(keyField, key));
    return s == null ? Optional.empty() : Optional.of(StatsViews.of(keyField, key, s, s.lastSeen));
  }

  @Override
  public Optional<EntityStats> read(String keyField, String key, long asOf, Map<String, ?> values) {
    EntityState s = entities.get(HazelcastStatistics.key(keyField, key));
    return s == null ? Optional.empty()
        : Optional.of(StatsViews.of(keyField, key, s, asOf, HazelcastStatistics.hashes(values, keyField)));
  }

  @Override
  public boolean running() {
    return true;
  }

  @Override
  public void close() {
    entities.clear();
  }
}
