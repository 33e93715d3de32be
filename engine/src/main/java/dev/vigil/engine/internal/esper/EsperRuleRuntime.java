package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.EPUndeployException;
import dev.vigil.engine.Event;
import dev.vigil.engine.spi.StatsView;
import dev.vigil.engine.internal.host.MatchSink;
import dev.vigil.engine.internal.host.RuleRuntime;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One Esper runtime on an external clock holding the schemas of every known event type and the
 * rules of one route key. Used by a single shard thread only. Each rule is its own deployment, so
 * {@link #syncRules()} can swap one rule while the others keep their windows and patterns.
 */
final class EsperRuleRuntime implements RuleRuntime {

  private final EPRuntime runtime;
  private final EPEventService events;
  private final SchemaCatalog schemas;
  private final Supplier<List<CompiledRule>> wanted;
  private final MatchSink sink;
  private final Set<String> deployedTypes = new HashSet<>();
  /** Deployed rules by id: the compiled rule (compared by identity) and its deployment id. */
  private final Map<String, Deployed> deployed = new LinkedHashMap<>();
  private Event current;
  /** The {@code stats} properties the deployed rules read, sorted; {@code null}: all of them. */
  private String[] statsRead = new String[0];
  /** How to read {@link #statsRead} per event type (built on first use, reset with the rules). */
  private final Map<dev.vigil.rules.schema.EventType, StatsProperties.Plan> statsPlans = new IdentityHashMap<>();

  private record Deployed(CompiledRule rule, String deploymentId) {}

  EsperRuleRuntime(
      String uri,
      Configuration config,
      SchemaCatalog schemas,
      Supplier<List<CompiledRule>> wanted,
      long startTime,
      MatchSink sink) {
    this.schemas = schemas;
    this.wanted = wanted;
    this.sink = sink;
    this.runtime = EPRuntimeProvider.getRuntime(uri, config);
    this.events = runtime.getEventService();
    try {
      // Start the clock at the first event's time: a fresh runtime is otherwise at wall time.
      events.advanceTime(startTime);
      syncTypes();
      syncRules();
    } catch (RuntimeException e) {
      runtime.destroy();
      throw new IllegalStateException("could not open rule runtime " + uri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void send(Event event) {
    send(event, null);
  }

  @Override
  public void send(Event event, StatsView before) {
    Map<String, Object> stats = null;
    if (before != null && readsStats()) {
      dev.vigil.rules.schema.EventType type = schemas.type(event.type());
      StatsProperties.Plan plan = statsPlans.computeIfAbsent(type, t -> StatsProperties.plan(t, statsRead));
      stats = StatsProperties.values(before, event, plan);
    }
    Map<String, Object> map = new EventProperties(event, stats);
    current = event;
    try {
      events.sendEventMap(map, event.type());
    } finally {
      current = null;
    }
  }

  /**
   * {@code advanceTimeSpan}, not {@code advanceTime}: it fires every due timer at its own time, in
   * order, so how far one call jumps never changes results (two batch-window ends crossed in one
   * call give two outputs, each at its end time).
   */
  @Override
  public void advanceTime(long epochMillis) {
    events.advanceTimeSpan(epochMillis);
  }

  @Override
  public boolean readsStats() {
    return statsRead == null || statsRead.length > 0; // null: some rule reads every property
  }

  @Override
  public long currentTime() {
    return events.getCurrentTime();
  }

  @Override
  public void syncTypes() {
    statsPlans.clear();
    for (SchemaCatalog.Schema schema : schemas.all()) {
      if (deployedTypes.contains(schema.typeName())) {
        continue;
      }
      try {
        runtime.getDeploymentService().deploy(schema.compiled());
      } catch (EPDeployException e) {
        throw new IllegalStateException("could not deploy event type " + schema.typeName(), e);
      }
      deployedTypes.add(schema.typeName());
    }
  }

  @Override
  public void syncRules() {
    Map<String, CompiledRule> target = new LinkedHashMap<>();
    for (CompiledRule rule : wanted.get()) {
      target.put(rule.info().id(), rule);
    }
    for (var it = deployed.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Deployed> e = it.next();
      if (target.get(e.getKey()) != e.getValue().rule()) {
        undeploy(e.getValue());
        it.remove();
      }
    }
    for (CompiledRule rule : target.values()) {
      if (!deployed.containsKey(rule.info().id())) {
        deployed.put(rule.info().id(), deploy(rule));
      }
    }
    statsRead = statsRead(deployed.values().stream().map(d -> d.rule().statsRead()).toList());
    statsPlans.clear();
  }

  /** The union of the rules' reads, sorted ({@code null} when one reads them all). */
  private static String[] statsRead(List<java.util.Set<String>> reads) {
    java.util.Set<String> all = new java.util.HashSet<>();
    for (java.util.Set<String> r : reads) {
      if (r == null) {
        return null;
      }
      all.addAll(r);
    }
    return StatsValues.names(all);
  }

  private Deployed deploy(CompiledRule rule) {
    try {
      EPDeployment deployment = runtime.getDeploymentService().deploy(rule.compiled());
      EPStatement statement = deployment.getStatements()[0];
      statement.addListener(new MatchListener(rule, statement.getEventType(), sink, () -> current));
      return new Deployed(rule, deployment.getDeploymentId());
    } catch (EPDeployException e) {
      throw new IllegalStateException("could not deploy rule " + rule.info().id() + ": " + e.getMessage(), e);
    }
  }

  private void undeploy(Deployed d) {
    try {
      runtime.getDeploymentService().undeploy(d.deploymentId());
    } catch (EPUndeployException e) {
      throw new IllegalStateException("could not undeploy rule " + d.rule().info().id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void destroy() {
    runtime.destroy();
  }
}
