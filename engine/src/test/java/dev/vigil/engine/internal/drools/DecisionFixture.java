package dev.vigil.engine.internal.drools;

import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.spi.DecisionStore;
import dev.vigil.engine.spi.StatisticsView;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.schema.BuiltInTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DroolsDecisions} over in-memory stand-ins for the store, alerts and statistics, so
 * the Drools path can be tested alone (the RocksDB store has its own IT).
 */
final class DecisionFixture {

  final Map<String, Decision> stored = new ConcurrentHashMap<>();
  final List<Alert> alerts = new CopyOnWriteArrayList<>();
  final List<Event> ingested = new CopyOnWriteArrayList<>();
  final Map<String, Object> stats = new ConcurrentHashMap<>();
  final java.util.concurrent.atomic.AtomicInteger alertQueries = new java.util.concurrent.atomic.AtomicInteger();
  final Map<String, dev.vigil.engine.RuleHistory> savedSets = new ConcurrentHashMap<>();
  final DroolsDecisions decisions;

  DecisionFixture() {
    DecisionStore store = new DecisionStore() {
      public Decision putIfAbsent(Decision d, List<dev.vigil.engine.Delivery> outbox) {
        Decision prev = stored.putIfAbsent(d.eventId(), d);
        return prev == null ? d : prev;
      }

      public Optional<Decision> get(String id) {
        return Optional.ofNullable(stored.get(id));
      }

      public DecisionPage query(DecisionQuery q) {
        return new DecisionPage(List.copyOf(stored.values()), null);
      }
    };
    Alerts alertView = new Alerts() {
      public Optional<Alert> get(String id) {
        return Optional.empty();
      }

      public AlertPage query(AlertQuery q) {
        alertQueries.incrementAndGet();
        return new AlertPage(alerts.stream().filter(a -> a.ruleId().equals(q.ruleId())
            && (q.entityKey() == null || a.entity().key().equals(q.entityKey()))).toList(), null);
      }

      public long count() {
        return alerts.size();
      }
    };
    List<RuleInfo> rules = List.of(new RuleInfo("card_testing", 1, "high", "card_id", "06_card_testing.vgl"));
    dev.vigil.engine.spi.RuleStore sets = new dev.vigil.engine.spi.RuleStore() {
      public List<dev.vigil.engine.RuleHistory> loadAll() {
        return List.copyOf(savedSets.values());
      }

      public void save(dev.vigil.engine.RuleHistory h) {
        savedSets.put(h.id(), h);
      }
    };
    RuleCompiler compiler = new RuleCompiler(BuiltInTypes.all(), Limits.defaults());
    decisions = new DroolsDecisions(store, sets, alertView, () -> rules, () -> compiler, null, events -> {
          ingested.addAll(events);
          return events.stream().map(e -> dev.vigil.engine.Admission.ACCEPTED).toList();
        }, () -> 1_000L, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    // Statistics keyed "function field horizon entity-key", e.g. "count amount 0 u1".
    decisions.statistics((EntityRef e, String type, String f, String field, long h, Object v, long asOf) -> {
      Object x = stats.get(f + " " + field + " " + h + " " + e.key() + (f.equals("seen") ? " " + v : ""));
      return x != null ? x : StatisticsView.NONE.read(e, type, f, field, h, v, asOf);
    });
  }

  /** Deploys {@code text} as the next version of the set named like the file (without .vgl). */
  void deploy(String name, String text) throws Exception {
    decisions.deploy(name.replace(".vgl", ""), text, "test");
  }

  void alert(String rule, String key, long matchTime) {
    alerts.add(new Alert("a" + alerts.size(), rule, 1, "high", new EntityRef("card_id", key), null, null, matchTime,
        List.of(), "m", matchTime));
  }

  static Event transaction(String id, long ts, String user, String card, String amount, String country) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("user_id", user);
    f.put("card_id", card);
    if (amount != null) {
      f.put("amount", new BigDecimal(amount));
    }
    if (country != null) {
      f.put("country", country);
    }
    return new Event(id, "transaction", ts, f, Map.of());
  }

  /** One line per decision: outcome, score, reasons, inputs. */
  static String render(Decision d) {
    List<String> parts = new ArrayList<>();
    d.reasons().forEach(r -> parts.add(r.rule() + " +" + r.points() + " \"" + r.label() + "\""));
    List<String> in = new ArrayList<>();
    d.inputs().forEach(i -> in.add(i.name() + "@" + i.entity() + "=" + i.value()));
    return d.outcome() + " score=" + d.score() + " v" + d.version() + " reasons=" + parts + " inputs=" + in;
  }
}
