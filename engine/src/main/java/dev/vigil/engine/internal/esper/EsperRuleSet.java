package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.EPCompiler;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.internal.host.MatchSink;
import dev.vigil.engine.internal.host.RuleRuntime;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled rules grouped by route key; opens one Esper runtime per (shard, key) on demand. The
 * rules live in an immutable {@link Snapshot} swapped by {@link #replace}; shard threads read it
 * when they open a runtime or sync one, the admission path reads its route keys.
 */
final class EsperRuleSet implements RuleSet {

  private static final AtomicLong INSTANCES = new AtomicLong();

  /** The deployed rules at one moment. */
  record Snapshot(List<CompiledRule> rules, List<CompiledRule> global, Map<String, List<CompiledRule>> byKey) {

    static Snapshot of(List<CompiledRule> rules) {
      List<CompiledRule> global = new ArrayList<>();
      Map<String, List<CompiledRule>> byKey = new LinkedHashMap<>();
      for (CompiledRule rule : rules) {
        String by = rule.info().by();
        if (by == null) {
          global.add(rule);
        } else {
          byKey.computeIfAbsent(by, k -> new ArrayList<>()).add(rule);
        }
      }
      byKey.replaceAll((k, v) -> List.copyOf(v));
      return new Snapshot(List.copyOf(rules), List.copyOf(global), java.util.Collections.unmodifiableMap(byKey));
    }

    List<CompiledRule> of(String routeKey) {
      return routeKey == null ? global : byKey.getOrDefault(routeKey, List.of());
    }
  }

  private record PreparedRules(List<CompiledRule> compiled) implements Prepared {
    @Override
    public List<RuleInfo> rules() {
      return compiled.stream().map(CompiledRule::info).toList();
    }
  }

  private final String uriPrefix = "vigil-" + INSTANCES.incrementAndGet() + "-";
  private final AtomicLong opened = new AtomicLong();
  private final Configuration config;
  private final EPCompiler compiler;
  private final SchemaCatalog schemas;
  private volatile Snapshot snapshot;
  private volatile Set<String> routeKeys;

  EsperRuleSet(Configuration config, EPCompiler compiler, SchemaCatalog schemas, List<CompiledRule> rules) {
    this.config = config;
    this.compiler = compiler;
    this.schemas = schemas;
    install(Snapshot.of(rules));
  }

  private void install(Snapshot next) {
    snapshot = next;
    routeKeys = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(next.byKey().keySet()));
  }

  Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public List<RuleInfo> rules() {
    return snapshot.rules().stream().map(CompiledRule::info).toList();
  }

  @Override
  public Set<String> routeKeys() {
    return routeKeys;
  }

  @Override
  public boolean hasGlobalRules() {
    return !snapshot.global().isEmpty();
  }

  @Override
  public void addType(EventType type) {
    schemas.add(type);
  }

  @Override
  public Prepared prepare(RuleFile file) throws RuleLoadException {
    return new PreparedRules(new EplCompiler(compiler, config, schemas).compile(List.of(file)));
  }

  @Override
  public synchronized void replace(Collection<String> removedIds, Prepared added) {
    List<CompiledRule> adding = added instanceof PreparedRules p ? p.compiled() : List.of();
    if (adding.size() != added.rules().size()) {
      throw new IllegalArgumentException("rules prepared by another rule set");
    }
    Set<String> gone = new HashSet<>(removedIds);
    adding.forEach(r -> gone.add(r.info().id()));
    List<CompiledRule> next = new ArrayList<>();
    for (CompiledRule rule : snapshot.rules()) {
      if (!gone.contains(rule.info().id())) {
        next.add(rule);
      }
    }
    next.addAll(adding);
    install(Snapshot.of(next));
  }

  @Override
  public RuleRuntime open(String routeKey, long startTime, MatchSink sink) {
    String uri = uriPrefix + (routeKey == null ? "global" : "by-" + routeKey) + "-" + opened.incrementAndGet();
    return new EsperRuleRuntime(uri, config, schemas, () -> snapshot.of(routeKey), startTime, sink);
  }
}
