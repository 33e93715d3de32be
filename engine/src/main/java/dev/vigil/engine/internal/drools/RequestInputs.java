package dev.vigil.engine.internal.drools;

import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Alert;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Decision;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.spi.StatisticsView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one decision request reads: the event's fields, the entity's statistics and recent
 * alerts. Each distinct read happens once per request (memoised, so Drools may evaluate a
 * constraint more than once at no cost) and is recorded for the decision log.
 */
final class RequestInputs implements DecisionInput.Inputs {

  private static final int ALERT_SCAN = 100;

  private final Event event;
  private final EntityRef entity;
  private final StatisticsView stats;
  private final Alerts alerts;
  private final DroolsDecisions.LastMatches lastMatches;
  private final java.util.function.Supplier<Map<String, RuleInfo>> ruleLookup;
  private final Map<String, Object> given;
  private Map<String, RuleInfo> rules;
  private final Map<String, Object> memo = new LinkedHashMap<>();
  private final List<Decision.Input> reads = new ArrayList<>();
  private long statisticsNanos;
  private long alertNanos;

  /**
   * @param rules the deployed detection rules by id, read on the first {@code alerted} only
   * @param lastMatches answers most {@code alerted} reads without scanning {@code alerts}; null to
   *     always scan
   * @param given values that answer reads instead of the stores (dry runs): key {@code name|entity}
   *     or {@code name}; null for none
   */
  RequestInputs(Event event, String key, StatisticsView stats, Alerts alerts, DroolsDecisions.LastMatches lastMatches,
      java.util.function.Supplier<Map<String, RuleInfo>> rules, Map<String, Object> given) {
    this.event = event;
    Object value = key == null ? null : event.field(key);
    this.entity = key == null || value == null ? null : new EntityRef(key, value.toString());
    this.stats = stats.forRequest(event.fields());
    this.alerts = alerts;
    this.lastMatches = lastMatches;
    this.ruleLookup = rules;
    this.given = given;
  }

  /** Time spent in statistics reads so far (for the {@code statistics} stage). */
  long statisticsNanos() {
    synchronized (memo) {
      return statisticsNanos;
    }
  }

  /** Time spent in alert lookups ({@code alerted}) so far (for the {@code alerts} stage). */
  long alertNanos() {
    synchronized (memo) {
      return alertNanos;
    }
  }

  List<Decision.Input> reads() {
    synchronized (memo) {
      return List.copyOf(reads);
    }
  }

  @Override
  public Object field(String name) {
    return switch (name) {
      case "event_id" -> event.id();
      case "type" -> event.type();
      case "timestamp" -> event.timestamp();
      default -> event.field(name);
    };
  }

  @Override
  public Object stat(String function, String field, long horizonMillis) {
    String name = function.equals("last_seen") ? "stats.last_seen"
        : "stats." + function + "(" + field + horizon(horizonMillis) + ")";
    return read(name, entity, () -> stats.read(entity, event.type(), function, field, horizonMillis, field(field), event.timestamp()));
  }

  @Override
  public Boolean seen(String field, long horizonMillis) {
    String name = "stats.seen(" + field + horizon(horizonMillis) + ")";
    Object v = read(name, entity,
        () -> field(field) == null ? null : stats.read(entity, event.type(), "seen", field, horizonMillis, field(field), event.timestamp()));
    return v instanceof Boolean b ? b : null;
  }

  @Override
  public Boolean alerted(String ruleId, long horizonMillis) {
    RuleInfo rule;
    synchronized (memo) {
      if (rules == null) {
        rules = ruleLookup.get();
      }
      rule = rules.get(ruleId);
    }
    Object keyValue = rule == null || rule.by() == null ? null : event.field(rule.by());
    EntityRef of = keyValue == null ? null : new EntityRef(rule.by(), keyValue.toString());
    String name = "alerted(" + ruleId + horizon(horizonMillis) + ")";
    Object v = read(name, of, () -> {
      if (rule == null) {
        return Boolean.FALSE; // not deployed: it cannot have alerted
      }
      if (rule.by() != null && of == null) {
        return null; // the event lacks the rule's key: unknown
      }
      long from = event.timestamp() - horizonMillis;
      Boolean known = fromLastMatch(ruleId, of, from);
      if (known != null) {
        return known;
      }
      AlertQuery q = new AlertQuery(ruleId, of == null ? null : of.key(), null, null, null, null, ALERT_SCAN);
      for (Alert a : alerts.query(q).alerts()) {
        if (a.matchTime() >= from && a.matchTime() <= event.timestamp()) {
          return Boolean.TRUE;
        }
      }
      return Boolean.FALSE;
    });
    return v instanceof Boolean b ? b : null;
  }

  /**
   * Answers {@code alerted} from the last alert's match time when that settles it: never alerted
   * (every stored alert writes the index), or the last match lies in [from, event time]. Otherwise
   * (it lies before {@code from} or after the event: an earlier alert might still be in the
   * window) null, and the caller scans the alerts. Without this, a card that never alerted made
   * every decision walk the alert time index to its scan bound.
   */
  private Boolean fromLastMatch(String ruleId, EntityRef of, long from) {
    if (lastMatches == null || of == null) {
      return null;
    }
    OptionalLong last = lastMatches.lastMatchTime(ruleId, of);
    if (last.isEmpty()) {
      return Boolean.FALSE;
    }
    return last.getAsLong() >= from && last.getAsLong() <= event.timestamp() ? Boolean.TRUE : null;
  }

  private Object read(String name, EntityRef of, java.util.function.Supplier<Object> reader) {
    String entity = of == null ? "" : of.type() + "=" + of.key();
    String key = name + "|" + entity;
    synchronized (memo) {
      if (memo.containsKey(key)) {
        return memo.get(key);
      }
      Object v;
      if (given != null && (given.containsKey(key) || given.containsKey(name))) {
        v = given.containsKey(key) ? given.get(key) : given.get(name);
      } else {
        boolean stat = name.startsWith("stats.");
        long t0 = System.nanoTime();
        v = of == null && stat ? null : reader.get();
        if (stat) {
          statisticsNanos += System.nanoTime() - t0;
        } else {
          alertNanos += System.nanoTime() - t0;
        }
      }
      memo.put(key, v);
      reads.add(new Decision.Input(name, entity, render(v)));
      return v;
    }
  }

  private static String render(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  private static String horizon(long millis) {
    if (millis <= 0) {
      return "";
    }
    for (String[] u : new String[][] {{"86400000", "d"}, {"3600000", "h"}, {"60000", "m"}, {"1000", "s"}}) {
      long unit = Long.parseLong(u[0]);
      if (millis % unit == 0) {
        return ", " + millis / unit + u[1];
      }
    }
    return ", " + millis + "ms";
  }
}
