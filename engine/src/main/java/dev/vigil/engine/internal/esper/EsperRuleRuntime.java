package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import dev.vigil.engine.EntityStats;
import dev.vigil.engine.Event;
import dev.vigil.engine.internal.host.MatchSink;
import dev.vigil.engine.internal.host.RuleRuntime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Esper runtime on an external clock holding the schemas of every known event type and the
 * rules of one route key. Used by a single shard thread only.
 */
final class EsperRuleRuntime implements RuleRuntime {

  private final EPRuntime runtime;
  private final EPEventService events;
  private final SchemaCatalog schemas;
  private final Set<String> deployedTypes = new HashSet<>();
  private Event current;

  EsperRuleRuntime(
      String uri,
      Configuration config,
      SchemaCatalog schemas,
      List<CompiledRule> rules,
      long startTime,
      MatchSink sink) {
    this.schemas = schemas;
    this.runtime = EPRuntimeProvider.getRuntime(uri, config);
    this.events = runtime.getEventService();
    try {
      // Start the clock at the first event's time: a fresh runtime is otherwise at wall time.
      events.advanceTime(startTime);
      syncTypes();
      for (CompiledRule rule : rules) {
        EPStatement statement = runtime.getDeploymentService().deploy(rule.compiled()).getStatements()[0];
        statement.addListener(new MatchListener(rule.info(), statement.getEventType(), sink, () -> current));
      }
    } catch (EPDeployException | RuntimeException e) {
      runtime.destroy();
      throw new IllegalStateException("could not open rule runtime " + uri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void send(Event event) {
    send(event, null);
  }

  @Override
  public void send(Event event, EntityStats before) {
    Map<String, Object> map = new HashMap<>(event.fields().size() * 2 + 8);
    map.putAll(event.fields());
    map.put("event_id", event.id());
    map.put("type", event.type());
    map.put("timestamp", event.timestamp());
    map.put("attributes", event.attributes());
    if (before != null) {
      map.put("stats", StatsProperties.values(before, event, schemas.type(event.type())));
    }
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
  public long currentTime() {
    return events.getCurrentTime();
  }

  @Override
  public void syncTypes() {
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
  public void destroy() {
    runtime.destroy();
  }
}
