package dev.vigil.rules.epl;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: deploys generated EPL into a real Esper runtime on an external clock, the way the
 * engine does (map schemas with the envelope, time advanced to each event's timestamp before it
 * is sent), and records the output rows.
 */
final class EsperHarness implements AutoCloseable {

  private static final AtomicLong IDS = new AtomicLong();

  private final EPRuntime runtime;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final dev.vigil.rules.Firing firing;
  private boolean sending;
  private final Map<String, EventType> types = new HashMap<>();
  private long ids;

  /** Keeps rows as the engine must: for ON_EVENT rules only those produced while an event is sent. */
  EsperHarness(List<EventType> eventTypes, String epl, dev.vigil.rules.Firing firing) {
    this.firing = firing;
    Configuration config = new Configuration();
    config.getRuntime().getThreading().setInternalTimerEnabled(false);
    runtime = EPRuntimeProvider.getRuntime("rules-test-" + IDS.incrementAndGet(), config);
    runtime.getEventService().advanceTime(0);
    try {
      var compiler = EPCompilerProvider.getCompiler();
      List<EPCompiled> path = new ArrayList<>();
      for (EventType t : eventTypes) {
        types.put(t.name(), t);
        EPCompiled schema = compiler.compile(schemaEpl(t), new CompilerArguments(config));
        runtime.getDeploymentService().deploy(schema);
        path.add(schema);
      }
      CompilerArguments args = new CompilerArguments(config);
      args.getPath().addAll(path);
      EPCompiled rule = compiler.compile(epl, args);
      EPStatement st = runtime.getDeploymentService().deploy(rule).getStatements()[0];
      st.addListener((newEvents, old, s, r) -> {
        if (newEvents != null && (sending || firing == dev.vigil.rules.Firing.ON_TIME)) {
          for (EventBean b : newEvents) {
            rows.add(row(b));
          }
        }
      });
    } catch (Exception e) {
      runtime.destroy();
      throw new IllegalStateException("EPL failed:\n" + epl + "\n" + e.getMessage(), e);
    }
  }

  static String schemaEpl(EventType type) {
    StringBuilder sb = new StringBuilder("@public @buseventtype create map schema ");
    sb.append(type.name()).append(" (`event_id` string, `type` string, `timestamp` java.lang.Long");
    for (FieldSpec f : type.fields()) {
      sb.append(", `").append(f.name()).append("` ").append(f.type().javaType().getName());
    }
    return sb.append(", `attributes` java.util.Map)").toString();
  }

  /** Advances the clock to {@code ts} and sends an event; numbers given as strings become decimals. */
  String send(String type, long ts, Object... keyValues) {
    advance(ts);
    Map<String, Object> event = new HashMap<>();
    String id = "ev" + (++ids);
    event.put("event_id", id);
    event.put("type", type);
    event.put("timestamp", ts);
    event.put("attributes", Map.of());
    for (int i = 0; i < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      FieldSpec f = types.get(type).field((String) keyValues[i]);
      if ((v instanceof Number || v instanceof String) && f.type().javaType() == BigDecimal.class) {
        v = new BigDecimal(v.toString());
      }
      event.put((String) keyValues[i], v);
    }
    sending = true;
    try {
      runtime.getEventService().sendEventMap(event, type);
    } finally {
      sending = false;
    }
    return id;
  }

  void advance(long ts) {
    if (ts > runtime.getEventService().getCurrentTime()) {
      runtime.getEventService().advanceTime(ts);
    }
  }

  List<Map<String, Object>> rows() {
    return rows;
  }

  private static Map<String, Object> row(EventBean b) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String p : b.getEventType().getPropertyNames()) {
      Object v = b.get(p);
      m.put(p, v != null && (v.getClass().isArray() || v instanceof Collection<?>) ? list(v) : v);
    }
    return m;
  }

  private static List<Object> list(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      out.addAll(c);
    } else {
      for (int i = 0; i < Array.getLength(v); i++) {
        out.add(Array.get(v, i));
      }
    }
    return out;
  }

  @Override
  public void close() {
    runtime.destroy();
  }
}
