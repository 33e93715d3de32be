package dev.vigil.engine.internal.host;

import dev.vigil.engine.Alert;
import dev.vigil.engine.Clock;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.RuleSandbox;
import dev.vigil.engine.spi.EntityStatistics;
import dev.vigil.engine.spi.StatsView;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link RuleSandbox}: compiles the draft with the rule backend it is given (the engine's
 * Esper backend), opens one runtime per route key on the calling thread, and collects alerts in
 * memory, applying the rules' suppression as the engine's alert publisher does. Rules that read
 * statistics see a fresh store that this run alone fills (an in-memory one, from the engine). No
 * store, no threads.
 */
public final class DryRun implements RuleSandbox {

  private final RuleBackend backend;
  private final CompiledRuleSet compiled;
  private final List<EventType> types;
  private final RuleFile epl;
  private final Supplier<EntityStatistics> statistics;

  private DryRun(RuleBackend backend, Supplier<EntityStatistics> statistics, CompiledRuleSet compiled,
      List<EventType> types, RuleFile epl) {
    this.backend = backend;
    this.statistics = statistics;
    this.compiled = compiled;
    this.types = types;
    this.epl = epl;
  }

  /**
   * @param statistics a new, empty statistics store per run (e.g. an in-memory one)
   * @throws RuleException with every diagnostic of the source
   */
  public static DryRun compile(RuleBackend backend, Supplier<EntityStatistics> statistics, Collection<EventType> known,
      StatisticsScope kept, String sourceName, String source) throws RuleException {
    DslRules.Compiled c = DslRules.compile(sourceName, source, known, kept, 1);
    return new DryRun(backend, statistics, c.set(), DslRules.withDeclared(known, c.set()), c.epl());
  }

  @Override
  public CompiledRuleSet rules() {
    return compiled;
  }

  @Override
  public List<EventType> eventTypes() {
    return types;
  }

  @Override
  public List<Alert> run(List<Event> events, Long until) {
    RuleSet set;
    try {
      set = backend.compile(List.of(epl), types);
    } catch (RuleLoadException e) {
      throw new IllegalStateException("generated EPL does not compile: " + e.getMessage(), e);
    }
    AlertFactory factory = new AlertFactory(Clock.system());
    Map<String, Alert> alerts = new LinkedHashMap<>();
    Suppression suppression = new Suppression();
    MatchSink sink = (Match m) -> {
      if (suppression.suppressed(m)) {
        return;
      }
      Alert a = factory.create(m);
      alerts.putIfAbsent(a.alertId(), a);
      suppression.alerted(m);
    };
    Map<String, RuleRuntime> runtimes = new LinkedHashMap<>();
    List<Event> ordered = new ArrayList<>(events);
    // The order the shards' reorder buffers release events in.
    ordered.sort(Comparator.comparingLong(Event::timestamp).thenComparing(Event::id));
    EventTimePolicy time = EventTimePolicy.forwardOnly();
    StatsFolder stats = new StatsFolder(statistics.get(),
        name -> types.stream().filter(t -> t.name().equals(name)).findFirst(), 1, () -> 0);
    long sequence = 0;
    try {
      for (Event event : ordered) {
        List<String> targets = new ArrayList<>();
        if (set.hasGlobalRules()) {
          targets.add(null);
        }
        set.routeKeys().stream().filter(k -> event.field(k) != null).forEach(targets::add);
        for (String key : targets) {
          RuleRuntime r = runtimes.computeIfAbsent(key == null ? "" : "k:" + key,
              k -> set.open(key, event.timestamp(), sink));
          time.beforeSend(r, event);
          r.send(event, StatsView.of(before(stats, ++sequence, event, key)));
        }
      }
      if (until != null) {
        runtimes.values().stream().filter(r -> until > r.currentTime()).forEach(r -> r.advanceTime(until));
      }
    } finally {
      runtimes.values().forEach(RuleRuntime::destroy);
    }
    return List.copyOf(alerts.values());
  }

  /**
   * The route-key entity's statistics before the event, from this run's own in-memory store (as
   * {@link ShardStats} does with the real one): a dry run starts with no history and leaves the
   * node's statistics untouched.
   */
  private static EntityStats before(StatsFolder stats, long sequence, Event event, String key) {
    if (key == null || !stats.entityKeys(event).contains(key)) {
      return null;
    }
    EntityStats before = stats.foldAndGetBefore(sequence, event, key).before();
    return before != null ? before : ShardStats.empty(event, key);
  }
}
