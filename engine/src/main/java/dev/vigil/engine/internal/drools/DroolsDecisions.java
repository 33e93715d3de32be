package dev.vigil.engine.internal.drools;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.Clock;
import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.DecisionSetHistory;
import dev.vigil.engine.Decisions;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.Event;
import dev.vigil.engine.NoDecisionException;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.StorageException;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.Subscriptions;
import dev.vigil.engine.spi.DecisionStore;
import dev.vigil.engine.spi.RuleStore;
import dev.vigil.engine.spi.StatisticsView;
import dev.vigil.rules.CompiledDecision;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision layer on Drools (docs/design/decisions.md). A request reads the current routing
 * once (volatile), runs a fresh stateless session of its set's KieBase on the caller's thread,
 * picks the first verdict line that held, stores the decision with its webhook deliveries, then
 * ingests the event. Deploy and rollback build off the request path ({@link DecisionSetCatalog}).
 */
public final class DroolsDecisions implements Decisions {

  /** The engine's ingest path, in its two steps. */
  @FunctionalInterface
  public interface Ingest {
    /** Admits a batch of events (all or nothing); one admission per event; not yet durable. */
    List<Admission> admit(List<Event> events) throws OverloadedException;

    /** Makes every write made before the last {@link #admit} returned durable (journal and decision log). */
    default void sync() {}
  }

  /**
   * The match time of the last alert stored for a rule and entity, empty when it never alerted
   * (the alert store's {@code alerts_last} index, a point read).
   */
  @FunctionalInterface
  public interface LastMatches {
    OptionalLong lastMatchTime(String ruleId, EntityRef entity);
  }

  /** One request's share of a group commit: its decision to store (null for a repeat), its event. */
  private static final class Commit {
    final DecisionStore.Entry entry;
    final Event event;
    Decision kept;

    Commit(DecisionStore.Entry entry, Event event) {
      this.entry = entry;
      this.event = event;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(DroolsDecisions.class);
  private static final Alerts NO_ALERTS = new Alerts() {
    @Override
    public Optional<dev.vigil.engine.Alert> get(String alertId) {
      return Optional.empty();
    }

    @Override
    public AlertPage query(dev.vigil.engine.AlertQuery query) {
      return new AlertPage(List.of(), null);
    }

    @Override
    public long count() {
      return 0;
    }
  };

  private final DecisionStore store;
  private final Alerts alerts;
  private final Supplier<List<RuleInfo>> rules;
  private final Supplier<RuleCompiler> compiler;
  private final Subscriptions subscriptions;
  private final Ingest ingest;
  private final GroupCommit<Commit> commits = new GroupCommit<>(this::commitGroup);
  private final Clock clock;
  private final DecisionSetCatalog catalog;
  private final DecisionMetrics metrics;
  private volatile StatisticsView statistics = StatisticsView.NONE;
  private volatile LastMatches lastMatches;

  /**
   * @param sets durable versions of the sets deployed through the API
   * @param subscriptions webhook subscriptions, or null for none
   */
  public DroolsDecisions(DecisionStore store, RuleStore sets, Alerts alerts, Supplier<List<RuleInfo>> rules,
      Supplier<RuleCompiler> compiler, Subscriptions subscriptions, Ingest ingest, Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.alerts = alerts;
    this.rules = rules;
    this.compiler = compiler;
    this.subscriptions = subscriptions;
    this.ingest = ingest;
    this.clock = clock;
    this.catalog = new DecisionSetCatalog(sets, compiler, clock);
    this.metrics = new DecisionMetrics(meters);
  }

  /** Deploys the file sets of the rules directory, then the stored API sets (at start). */
  public void load(List<RuleFile> files) throws RuleLoadException {
    catalog.load(files);
  }

  @Override
  public Decision decide(Event event, boolean dryRun) throws NoDecisionException, OverloadedException {
    long t0 = System.nanoTime();
    try {
      Decision d = decideTimed(event, dryRun);
      metrics.latency(System.nanoTime() - t0);
      return d;
    } catch (NoDecisionException e) {
      metrics.error("no_decision");
      throw e;
    } catch (OverloadedException e) {
      metrics.error("overloaded");
      throw e;
    } catch (StorageException e) {
      metrics.error("storage");
      throw e;
    } catch (RuntimeException e) {
      metrics.error("evaluation");
      throw e;
    }
  }

  private Decision decideTimed(Event event, boolean dryRun) throws NoDecisionException, OverloadedException {
    long t = System.nanoTime();
    Optional<Decision> stored = store.get(event.id());
    t = metrics.stageSince("lookup", t);
    if (stored.isPresent()) {
      metrics.repeated();
      if (!dryRun) {
        commit(new Commit(null, event)); // a retry after a failed ingest admits the event
      }
      return stored.get();
    }
    DeployedSet set = catalog.routing().byType().get(event.type());
    if (set == null) {
      throw new NoDecisionException("no decision is deployed for event type '" + event.type() + "'");
    }
    Decision decision = evaluate(set, event, statistics, alerts, null, true);
    metrics.decided(set.id(), decision.decision(), decision.outcome(), dryRun);
    if (log.isDebugEnabled()) {
      log.debug("decided event_id={} set={} decision={} version={} outcome={} score={} dry_run={}", event.id(),
          set.id(), decision.decision(), set.version(), decision.outcome(), decision.score(), dryRun);
    }
    if (dryRun) {
      return decision;
    }
    Commit mine = new Commit(new DecisionStore.Entry(decision, outbox(decision)), event);
    commit(mine);
    return mine.kept;
  }

  /** Commits in the next group, then waits until that group is durable (outside the group). */
  private void commit(Commit mine) throws OverloadedException {
    long t = System.nanoTime();
    commits.commit(mine);
    t = metrics.stageSince("commit", t);
    ingest.sync();
    metrics.stageSince("sync", t);
  }

  /**
   * Commits a group of requests: their decisions in one decision-log write, then their events in
   * one admission; neither is synced here. Each caller then syncs ({@link Ingest#sync}) after the
   * group is released, so the next group is written while this one's fsync runs, and one fsync
   * makes both the log and the journal durable (same WAL). If the admission fails, the decisions
   * stay stored and a retry answers them and ingests the event (docs/design/decisions.md).
   */
  private void commitGroup(List<Commit> group) throws OverloadedException {
    long t = System.nanoTime();
    List<Commit> deciding = group.stream().filter(c -> c.entry != null).toList();
    if (!deciding.isEmpty()) {
      List<Decision> kept = store.putAllIfAbsent(deciding.stream().map(c -> c.entry).toList());
      for (int i = 0; i < kept.size(); i++) {
        deciding.get(i).kept = kept.get(i);
      }
      t = metrics.stageSince("store", t);
    }
    ingest.admit(group.stream().map(c -> c.event).toList());
    metrics.stageSince("ingest", t);
  }

  /** One pending delivery per subscription that receives this decision's outcome. */
  private List<Delivery> outbox(Decision d) {
    if (subscriptions == null || d.outcome().equals("allow")) {
      return List.of();
    }
    List<Delivery> out = new ArrayList<>(2);
    for (Subscription s : subscriptions.list()) {
      if (s.filter().matchesDecision(d.outcome())) {
        out.add(Delivery.pending(s.id(), d.webhookId(), d.decidedAt()));
      }
    }
    return out;
  }

  /**
   * Runs one decision in a stateless session (pooled, reset after the call): no fact outlives it.
   *
   * @param timed whether to record the {@code statistics}, {@code alerts} and {@code rules} stages
   */
  Decision evaluate(DeployedSet set, Event event, StatisticsView stats, Alerts alertView, Map<String, Object> given,
      boolean timed) {
    long t0 = System.nanoTime();
    CompiledDecision d = set.byType().get(event.type());
    RequestInputs inputs = new RequestInputs(event, d.by(), stats, alertView, alertView == alerts ? lastMatches : null,
        this::rulesById, given);
    DecisionInput fact = new DecisionInput(d.name(), inputs);
    set.session().execute(fact);
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
    Decision decision = new Decision(event.id(), event.type(), set.id(), d.name(), set.version(), outcome, score,
        reasons, inputs.reads(), event.timestamp(), clock.millis());
    if (timed) {
      long reads = inputs.statisticsNanos() + inputs.alertNanos();
      metrics.stage("statistics", inputs.statisticsNanos());
      metrics.stage("alerts", inputs.alertNanos());
      metrics.stage("rules", Math.max(0, System.nanoTime() - t0 - reads));
    }
    return decision;
  }

  private Map<String, RuleInfo> rulesById() {
    return rules.get().stream().collect(Collectors.toMap(RuleInfo::id, r -> r, (a, b) -> a));
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
  public List<DecisionSetHistory> sets() {
    return catalog.list();
  }

  @Override
  public Optional<DecisionSetHistory> set(String id) {
    return catalog.get(id);
  }

  @Override
  public Change deploy(String id, String source, String author) throws RuleException, RuleChangeException {
    return catalog.deploy(id, source, author);
  }

  @Override
  public List<CompiledDecision> validate(String source) throws RuleException, RuleChangeException {
    return List.copyOf(DecisionSource.compile("source.vgl", source, compiler.get()).values());
  }

  @Override
  public DecisionSetHistory rollback(String id, int version) throws RuleChangeException {
    return catalog.rollback(id, version);
  }

  @Override
  public DecisionSetHistory delete(String id) throws RuleChangeException {
    return catalog.delete(id);
  }

  @Override
  public List<Decision> test(String source, List<Event> events, Map<String, Object> given)
      throws RuleException, RuleChangeException, NoDecisionException {
    DeployedSet draft = DeployedSet.build("draft", 0, DecisionSource.compile("draft.vgl", source, compiler.get()));
    List<Decision> out = new ArrayList<>(events.size());
    for (Event e : events) {
      if (!draft.byType().containsKey(e.type())) {
        throw new NoDecisionException("the source has no decision for event type '" + e.type() + "' (event "
            + e.id() + ")");
      }
      out.add(evaluate(draft, e, StatisticsView.NONE, NO_ALERTS, given == null ? Map.of() : given, false));
    }
    return out;
  }

  /**
   * The alert store's last match per rule and entity ({@code AlertStore.lastMatchTime}), so that
   * {@code alerted(...)} is a point read in the usual cases; without it every check scans alerts.
   */
  public void lastMatches(LastMatches lastMatches) {
    this.lastMatches = lastMatches;
  }

  @Override
  public void statistics(StatisticsView view) {
    this.statistics = view == null ? StatisticsView.NONE : view;
  }
}
