package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.EventType;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.internal.host.Match;
import dev.vigil.engine.internal.host.MatchSink;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a rule statement's output rows into {@link Match}es, reading the columns of the alert
 * convention (docs/rules-epl.md): the {@code by} column, {@code message}, {@code event_ids} or
 * {@code event_id}, {@code window_start}, {@code window_end}. Which columns exist is decided once
 * from the statement's output type. When a row names no events, the event being evaluated (if
 * any; timer-driven output has none) is taken as the one that made the match.
 *
 * <p>The rule's {@code firing} applies here: {@link RuleAnnotations.Firing#ON_EVENT} drops rows
 * produced while the clock advances, such as a sliding window's expiry rows (suppression is the
 * host's, see {@code AlertPublisher}).
 */
final class MatchListener implements UpdateListener {

  private final RuleInfo rule;
  private final RuleAnnotations.Firing firing;
  private final MatchSink sink;
  private final Supplier<Event> current;
  private final boolean hasBy;
  private final boolean hasMessage;
  private final boolean hasEventIds;
  private final boolean hasEventId;
  private final boolean hasWindowStart;
  private final boolean hasWindowEnd;

  MatchListener(CompiledRule compiled, EventType output, MatchSink sink, Supplier<Event> current) {
    this.rule = compiled.info();
    this.firing = compiled.firing();
    this.sink = sink;
    this.current = current;
    this.hasBy = rule.by() != null && output.isProperty(rule.by());
    this.hasMessage = output.isProperty("message");
    this.hasEventIds = output.isProperty("event_ids");
    this.hasEventId = output.isProperty("event_id");
    this.hasWindowStart = output.isProperty("window_start");
    this.hasWindowEnd = output.isProperty("window_end");
  }

  @Override
  public void update(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) {
    if (newEvents == null || (firing == RuleAnnotations.Firing.ON_EVENT && current.get() == null)) {
      return;
    }
    long now = runtime.getEventService().getCurrentTime();
    for (EventBean row : newEvents) {
      sink.onMatch(toMatch(row, now));
    }
  }

  private Match toMatch(EventBean row, long now) {
    Event trigger = current.get();
    String key = null;
    if (rule.by() != null) {
      key = hasBy ? string(row.get(rule.by())) : null;
      if (key == null && trigger != null) {
        key = string(trigger.field(rule.by()));
      }
    }
    String message = hasMessage ? string(row.get("message")) : null;
    List<String> ids = new ArrayList<>();
    if (hasEventIds) {
      addIds(row.get("event_ids"), ids);
    } else if (hasEventId) {
      addIds(row.get("event_id"), ids);
    }
    if (ids.isEmpty() && trigger != null) {
      ids.add(trigger.id());
    }
    Long start = hasWindowStart ? toLong(row.get("window_start")) : null;
    Long end = hasWindowEnd ? toLong(row.get("window_end")) : null;
    return new Match(rule, key, message, ids, start, end, now);
  }

  private static void addIds(Object value, List<String> out) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> c) {
      if (out instanceof ArrayList<String> list) {
        list.ensureCapacity(list.size() + c.size()); // a window's ids: thousands, not grown by copying
      }
      for (Object o : c) {
        addIds(o, out);
      }
    } else if (value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        addIds(Array.get(value, i), out);
      }
    } else if (value instanceof EventBean bean) {
      addIds(bean.getEventType().isProperty("event_id") ? bean.get("event_id") : null, out);
    } else {
      out.add(value.toString());
    }
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static Long toLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }
}
