package dev.vigil.engine.bench;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.FieldSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Esper alone, on the calling thread, external clock moved to each event's time: the baseline the
 * engine benchmark compares Vigil with. {@link #p5()} is the P5 rules written by hand the way an
 * Esper user would (a {@code double} amount, a table of per-user running aggregates for R5
 * evaluated before the table is updated by statement priority); {@link #generated} deploys given
 * EPL (e.g. the rule language's output for R100) over Vigil's {@code transaction} map schema.
 * Counts output rows per statement produced while an event is sent (rows a sliding window emits as
 * events expire are not matches, as in Vigil's {@code on_event} firing).
 */
final class RawEsper implements AutoCloseable {

  static final String P5_EPL = """
      @public @buseventtype create map schema Tx as (event_id string, user_id string, card_id string, merchant_id string,
                           amount double, currency string, country string);
      @Name('r1') select user_id, count(*) as cnt from Tx#time(5 min) group by user_id having count(*) > 20;
      @Name('r2') select user_id, sum(amount) as total from Tx#time(60 min) group by user_id having sum(amount) > 50000;
      @Name('r3') select a.card_id as card_id, a.event_id as small, b.event_id as large
        from pattern [every a=Tx(amount < 2) -> b=Tx(card_id = a.card_id and amount > 500) where timer:within(10 min)];
      @Name('r4') select user_id, event_id from Tx(amount > 9000);
      create table UserAmounts (user_id string primary key, cnt count(*), mean avg(double), sd stddev(double));
      @Name('r5') @Priority(10) select t.user_id as user_id, t.event_id as event_id from Tx as t
        where UserAmounts[t.user_id].cnt >= 10
          and t.amount > UserAmounts[t.user_id].mean + 3 * UserAmounts[t.user_id].sd;
      @Name('r5_fold') @Priority(0) into table UserAmounts
        select count(*) as cnt, avg(amount) as mean, stddev(amount) as sd from Tx group by user_id;
      """;

  private final EPRuntime runtime;
  private final EPEventService events;
  private final String eventType;
  private final Map<String, AtomicLong> rows = new TreeMap<>();
  /** Rows count only while an event is sent, as Vigil's rules fire on arriving events. */
  private boolean sending;

  private RawEsper(String epl, String eventType, long startTime) {
    Configuration config = new Configuration();
    config.getRuntime().getThreading().setInternalTimerEnabled(false);
    config.getRuntime().getExecution().setPrioritized(true);
    config.getRuntime().getExecution().setDisableLocking(true);
    this.eventType = eventType;
    this.runtime = EPRuntimeProvider.getRuntime("raw-esper-" + System.nanoTime(), config);
    this.events = runtime.getEventService();
    events.advanceTime(startTime);
    try {
      EPCompiled compiled = EPCompilerProvider.getCompiler().compile(epl, new CompilerArguments(config));
      EPDeployment d = runtime.getDeploymentService().deploy(compiled);
      for (EPStatement s : d.getStatements()) {
        AtomicLong counter = new AtomicLong();
        if (s.getName().endsWith("_fold") || s.getEventType() == null || !s.getName().matches("[a-z0-9_]+")) {
          continue;
        }
        rows.put(s.getName(), counter);
        s.addListener((newEvents, oldEvents, statement, rt) -> {
          if (newEvents != null && sending) {
            counter.addAndGet(newEvents.length);
          }
        });
      }
    } catch (EPCompileException | EPDeployException e) {
      throw new IllegalStateException("raw Esper rules do not deploy: " + e.getMessage(), e);
    }
  }

  /** The hand-written P5 rules over the {@code Tx} schema. */
  static RawEsper p5(long startTime) {
    return new RawEsper(P5_EPL, "Tx", startTime);
  }

  /** {@code rulesEpl} (statements over {@code transaction}) over Vigil's transaction map schema. */
  static RawEsper generated(String rulesEpl, long startTime) {
    StringBuilder schema = new StringBuilder("@public @buseventtype create map schema transaction (`event_id` string, `type` string, `timestamp` java.lang.Long");
    for (FieldSpec f : BuiltInTypes.TRANSACTION.fields()) {
      schema.append(", `").append(f.name()).append("` ").append(f.type().javaType().getName());
    }
    schema.append(", `attributes` java.util.Map);\n");
    return new RawEsper(schema + rulesEpl, "transaction", startTime);
  }

  /** Moves the clock to {@code time}, then sends {@code event}. */
  void send(Map<String, Object> event, long time) {
    if (time > events.getCurrentTime()) {
      events.advanceTime(time);
    }
    sending = true;
    events.sendEventMap(event, eventType);
    sending = false;
  }

  /** Output rows per statement name. */
  Map<String, Long> rows() {
    Map<String, Long> out = new TreeMap<>();
    rows.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    runtime.destroy();
  }
}
