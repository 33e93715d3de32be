package dev.vigil.engine.internal.drools;

import dev.vigil.engine.Alerts;
import dev.vigil.engine.Clock;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.DecisionSetInfo;
import dev.vigil.engine.Decisions;
import dev.vigil.engine.Event;
import dev.vigil.engine.NoDecisionException;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.spi.DecisionStore;
import dev.vigil.engine.spi.StatisticsView;
import dev.vigil.rules.CompiledDecision;
import dev.vigil.rules.Limits;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision layer on Drools (docs/design/decisions.md). A request reads the current
 * {@link DeployedSet} once (volatile), runs a fresh stateless session of its KieBase on the
 * caller's thread, picks the first verdict line that held, stores the decision, then ingests the
 * event. Deploy and rollback build off the request path and swap the reference atomically.
 */
public final class DroolsDecisions implements Decisions {

  /** Ingests one event through the normal path. */
  @FunctionalInterface
  public interface Ingest {
    void ingest(Event event) throws OverloadedException;
  }

  private static final Logger log = LoggerFactory.getLogger(DroolsDecisions.class);
  private static final int KEPT_VERSIONS = 10;

  private final DecisionStore store;
  private final Alerts alerts;
  private final Supplier<List<RuleInfo>> rules;
  private final Supplier<Collection<EventType>> types;
  private final Ingest ingest;
  private final Clock clock;
  private final Deque<DeployedSet> kept = new ArrayDeque<>();
  private volatile DeployedSet current;
  private volatile StatisticsView statistics = StatisticsView.NONE;
  private int lastVersion;

  public DroolsDecisions(DecisionStore store, Alerts alerts, Supplier<List<RuleInfo>> rules,
      Supplier<Collection<EventType>> types, Ingest ingest, Clock clock) {
    this.store = store;
    this.alerts = alerts;
    this.rules = rules;
    this.types = types;
    this.ingest = ingest;
    this.clock = clock;
  }

  @Override
  public Decision decide(Event event, boolean dryRun) throws NoDecisionException, OverloadedException {
    Optional<Decision> stored = store.get(event.id());
    if (stored.isPresent()) {
      if (!dryRun) {
        ingest.ingest(event); // a retry after a failed ingest admits the event; else a duplicate
      }
      return stored.get();
    }
    DeployedSet set = current;
    if (set == null) {
      throw new NoDecisionException("no decision set is deployed");
    }
    CompiledDecision d = set.byType().get(event.type());
    if (d == null) {
      throw new NoDecisionException("no decision is deployed for event type '" + event.type() + "'");
    }
    Decision decision = evaluate(set, d, event);
    if (log.isDebugEnabled()) {
      log.debug("decided event_id={} decision={} version={} outcome={} score={} dry_run={}", event.id(), d.name(),
          set.info().version(), decision.outcome(), decision.score(), dryRun);
    }
    if (dryRun) {
      return decision;
    }
    Decision kept = store.putIfAbsent(decision);
    ingest.ingest(event);
    return kept;
  }

  /** Runs one decision in a fresh stateless session: no fact outlives this call. */
  Decision evaluate(DeployedSet set, CompiledDecision d, Event event) {
    Map<String, RuleInfo> byId = rules.get().stream().collect(Collectors.toMap(RuleInfo::id, r -> r, (a, b) -> a));
    RequestInputs inputs = new RequestInputs(event, d.by(), statistics, alerts, byId);
    DecisionInput fact = new DecisionInput(d.name(), inputs);
    set.kieBase().newStatelessKieSession().execute(fact);
    BitSet held = fact.reasons();
    List<Decision.Reason> reasons = new ArrayList<>();
    int score = 0;
    for (int i = held.nextSetBit(0); i >= 0; i = held.nextSetBit(i + 1)) {
      CompiledDecision.ScoreLine line = d.scores().get(i);
      reasons.add(new Decision.Reason(d.name() + "." + (i + 1), line.points(), line.label()));
      score += line.points();
    }
    int verdict = fact.verdicts().nextSetBit(0);
    String outcome = verdict >= 0 ? d.verdicts().get(verdict).outcome() : d.verdicts().get(d.verdicts().size() - 1).outcome();
    return new Decision(event.id(), event.type(), d.name(), set.info().version(), outcome, score, reasons,
        inputs.reads(), event.timestamp(), clock.millis());
  }

  @Override
  public Optional<Decision> get(String eventId) {
    return store.get(eventId);
  }

  @Override
  public DecisionPage query(DecisionQuery query) {
    return store.query(query);
  }

  @Override
  public DecisionSetInfo deploy(List<RuleFile> files) throws RuleLoadException {
    long started = System.nanoTime();
    RuleCompiler compiler = new RuleCompiler(types.get(), Limits.defaults());
    Map<String, CompiledDecision> byType = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    for (RuleFile f : files) {
      List<CompiledDecision> compiled;
      try {
        compiled = compiler.compileDecisions(f.name(), f.text()).decisions();
      } catch (RuleException e) {
        log.warn("decision set not deployed: {} does not compile", f.name());
        throw new RuleLoadException(e.render(), e);
      }
      for (CompiledDecision d : compiled) {
        CompiledDecision other = byType.putIfAbsent(d.eventType(), d);
        if (other != null) {
          throw new RuleLoadException(f.name() + ": event type '" + d.eventType() + "' is decided by both '"
              + other.name() + "' and '" + d.name() + "'", null);
        }
      }
      if (!compiled.isEmpty()) {
        sources.add(f.name());
      }
    }
    KieBase kieBase = byType.isEmpty() ? null
        : KieBases.build(byType.values().stream().map(CompiledDecision::drl).toList());
    synchronized (kept) {
      DecisionSetInfo info = new DecisionSetInfo(++lastVersion,
          byType.values().stream().collect(Collectors.toMap(CompiledDecision::eventType, CompiledDecision::name)),
          sources, clock.millis());
      DeployedSet set = new DeployedSet(info, kieBase, byType);
      kept.addLast(set);
      while (kept.size() > KEPT_VERSIONS) {
        kept.removeFirst();
      }
      current = set;
      log.info("decision set deployed: version={} decisions={} build_ms={}", info.version(), info.decisions().values(),
          (System.nanoTime() - started) / 1_000_000);
      return info;
    }
  }

  @Override
  public DecisionSetInfo rollback(int version) {
    synchronized (kept) {
      for (DeployedSet s : kept) {
        if (s.info().version() == version) {
          current = s;
          log.info("decision set rolled back: version={}", version);
          return s.info();
        }
      }
    }
    throw new IllegalArgumentException("decision set version " + version + " is not kept (the last "
        + KEPT_VERSIONS + " are)");
  }

  @Override
  public Optional<DecisionSetInfo> current() {
    DeployedSet s = current;
    return Optional.ofNullable(s).map(DeployedSet::info);
  }

  @Override
  public List<DecisionSetInfo> versions() {
    synchronized (kept) {
      return kept.stream().map(DeployedSet::info).toList();
    }
  }

  @Override
  public void statistics(StatisticsView view) {
    this.statistics = view == null ? StatisticsView.NONE : view;
  }
}
