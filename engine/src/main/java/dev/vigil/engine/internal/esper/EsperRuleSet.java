package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.internal.host.MatchSink;
import dev.vigil.engine.internal.host.RuleRuntime;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Compiled rules grouped by route key; opens one Esper runtime per (shard, key) on demand. */
final class EsperRuleSet implements RuleSet {

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final String uriPrefix = "vigil-" + INSTANCES.incrementAndGet() + "-";
  private final AtomicLong opened = new AtomicLong();
  private final Configuration config;
  private final SchemaCatalog schemas;
  private final List<RuleInfo> infos;
  private final List<CompiledRule> global = new ArrayList<>();
  private final Map<String, List<CompiledRule>> byKey = new LinkedHashMap<>();

  EsperRuleSet(Configuration config, SchemaCatalog schemas, List<CompiledRule> rules) {
    this.config = config;
    this.schemas = schemas;
    this.infos = rules.stream().map(CompiledRule::info).toList();
    for (CompiledRule rule : rules) {
      String by = rule.info().by();
      if (by == null) {
        global.add(rule);
      } else {
        byKey.computeIfAbsent(by, k -> new ArrayList<>()).add(rule);
      }
    }
  }

  @Override
  public List<RuleInfo> rules() {
    return infos;
  }

  @Override
  public Set<String> routeKeys() {
    return byKey.keySet();
  }

  @Override
  public boolean hasGlobalRules() {
    return !global.isEmpty();
  }

  @Override
  public void addType(EventType type) {
    schemas.add(type);
  }

  @Override
  public RuleRuntime open(String routeKey, long startTime, MatchSink sink) {
    List<CompiledRule> rules = routeKey == null ? global : byKey.getOrDefault(routeKey, List.of());
    String uri = uriPrefix + (routeKey == null ? "global" : "by-" + routeKey) + "-" + opened.incrementAndGet();
    return new EsperRuleRuntime(uri, config, schemas, rules, startTime, sink);
  }
}
