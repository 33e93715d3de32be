package dev.vigil.engine;

import dev.vigil.engine.internal.drools.DroolsDecisions;
import dev.vigil.engine.internal.esper.EsperBackend;
import dev.vigil.engine.internal.host.AdmissionGate;
import dev.vigil.engine.internal.host.AlertFactory;
import dev.vigil.engine.internal.host.AppliedCheckpoint;
import dev.vigil.engine.internal.host.AlertPublisher;
import dev.vigil.engine.internal.host.DedupPurger;
import dev.vigil.engine.internal.host.DiskBudget;
import dev.vigil.engine.internal.host.DslRules;
import dev.vigil.engine.internal.host.HeapGuard;
import dev.vigil.engine.internal.host.JournalRetention;
import dev.vigil.engine.internal.host.Rebuild;
import dev.vigil.engine.internal.host.EngineMetrics;
import dev.vigil.engine.internal.host.FileRules;
import dev.vigil.engine.internal.host.LatenessPolicy;
import dev.vigil.engine.internal.host.RuleMetrics;
import dev.vigil.engine.internal.host.RuleRuntime;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.engine.internal.host.RuleVersions;
import dev.vigil.engine.internal.host.ShardPool;
import dev.vigil.engine.internal.host.SnapshotStatistics;
import dev.vigil.engine.internal.host.StatsFolder;
import dev.vigil.engine.internal.host.TypeRegistry;
import dev.vigil.engine.internal.store.RocksStorage;
import dev.vigil.engine.spi.Journal;
import dev.vigil.engine.spi.Storage;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vigil node's engine: admits events durably, runs them through the deployed rules on K
 * shard threads, and stores the resulting alerts.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(EngineConfig.defaults(dir, rules), registry)) {
 *   List<Admission> a = engine.ingest(List.of(event));   // ACCEPTED, durable
 *   engine.awaitIdle(Duration.ofSeconds(5));
 *   engine.alerts().query(AlertQuery.firstPage(50));
 * }
 * }</pre>
 *
 * <p>Threading: {@link #ingest} may be called from any number of threads. Each event is routed
 * to one shard per entity key that some rule groups by (see {@code docs/design/engine-host.md}),
 * so all events of one key value are evaluated in admission order by one thread. Rules run on
 * event time: a rule's time windows move with event timestamps, never with the wall clock.
 */
public final class Engine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DECLARE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PURGE_PERIOD = Duration.ofHours(1);
  private static final long CHECKPOINT_PERIOD_MILLIS = 1_000;
  private static final int REPLAY_CHUNK = 1_000;
  private static final int RECOVERING_RETRY_SECONDS = 5;
  private static final Duration RETENTION_PERIOD = Duration.ofMinutes(1);

  private final EngineConfig config;
  private final Storage storage;
  private final TypeRegistry types;
  private final RuleSet rules;
  private final AdmissionGate gate;
  private final EngineMetrics metrics;
  private final ShardPool shards;
  private final DedupPurger purger;
  private final AppliedCheckpoint applied;
  private final DroolsDecisions decisions;
  private final Statistics statistics;
  private final RuleVersions catalog;
  private final LatenessPolicy lateness;
  private final Rebuild rebuild = new Rebuild();
  private final AdmissionGate rebuildGate;
  private final JournalRetention retention;
  private final DiskBudget disk;
  private final HeapGuard heap;
  private final Object admitLock = new Object();
  private boolean closed;
  private volatile boolean recovered;
  private volatile Recovery recovery = new Recovery(false, 0, 0, 0, null);
  private final java.util.concurrent.CountDownLatch recoveryDone = new java.util.concurrent.CountDownLatch(1);

  /** The statistics kept ({@link StatisticsScope#EVERYTHING} also when statistics are off: rules read null). */
  private final StatisticsScope kept;

  private Engine(EngineConfig config, Storage storage, MeterRegistry meters, Statistics statistics)
      throws RuleLoadException {
    this.config = config;
    this.statistics = statistics;
    this.storage = storage;
    this.types = new TypeRegistry(storage.eventTypes());
    this.kept = statistics == null ? StatisticsScope.EVERYTHING : statistics.scope();
    FileRules.Loaded files = FileRules.compile(config.rules(), types, kept);
    this.rules = new EsperBackend().compile(files.epl(), types.all());
    this.gate = new AdmissionGate(config.queueCapacity());
    this.metrics = new EngineMetrics(meters, gate, config.shards());
    this.metrics.journal(storage.journal());
    RuleMetrics ruleMetrics = new RuleMetrics(meters);
    AlertPublisher publisher =
        new AlertPublisher(
                new AlertFactory(config.clock()), storage.alerts(), storage.subscriptions(), metrics)
            .countingPerRule(ruleMetrics, config.clock())
            .rebuild(rebuild);
    this.lateness = new LatenessPolicy(config.allowedLateness(), types.all());
    this.shards =
        new ShardPool(
            config.shards(), rules, publisher, gate, metrics, lateness, config.idleTimeout(), config.clock());
    this.types.listener(
        new TypeRegistry.Listener() {
          @Override
          public void prepare(EventType type) {
            rules.addType(type);
          }

          @Override
          public void declared(EventType type) {
            lateness.update(types.all());
            deployType(type);
          }
        });
    this.applied = new AppliedCheckpoint(storage.journal(), CHECKPOINT_PERIOD_MILLIS);
    // Replayed events up to the checkpoint were processed before this start: muted rebuild.
    this.rebuild.through(storage.journal().appliedSequence());
    this.rebuildGate = new AdmissionGate(config.queueCapacity());
    this.shards.rebuild(rebuild, rebuildGate);
    if (statistics != null) {
      statistics.backend().persistTo(storage.entitySnapshots());
      AppliedCheckpoint checkpoint = applied;
      shards.statistics(new StatsFolder(statistics.backend(), types::get,
          StatsFolder.sourceId(config.dataDir()), checkpoint::written, kept));
    }
    this.shards.start();
    this.catalog =
        new RuleVersions(rules, types, kept, storage.rules(), config.clock(), ruleMetrics, this::swapRules, files);
    try {
      this.catalog.loadStored();
    } catch (RuleLoadException | RuntimeException e) {
      shards.stop(DRAIN_TIMEOUT);
      throw e;
    }
    this.purger =
        new DedupPurger(storage.journal(), config.clock(), config.dedupHorizon(), metrics, PURGE_PERIOD);
    this.retention = new JournalRetention(storage.journal(), config.recoveryHorizon(), RETENTION_PERIOD, meters);
    this.disk = new DiskBudget(storage, config.maxDiskBytes(), meters);
    this.heap = new HeapGuard(config.heapLimit(), meters);
    this.decisions = new DroolsDecisions(storage.decisions(), storage.decisionSets(), storage.alerts(), rules::rules,
        this::ruleCompiler, storage.subscriptions(), new DroolsDecisions.Ingest() {
          @Override
          public List<Admission> admit(List<Event> events) throws OverloadedException {
            return Engine.this.admit(events);
          }

          @Override
          public void sync() {
            storage.journal().sync();
          }
        }, config.clock(), meters);
    this.decisions.lastMatches(storage.alerts()::lastMatchTime);
    if (statistics != null) {
      this.decisions.statistics(new SnapshotStatistics(statistics.backend()::read));
    }
    try {
      this.decisions.load(config.rules());
    } catch (RuleLoadException | RuntimeException e) {
      purger.close();
      shards.stop(DRAIN_TIMEOUT);
      throw e;
    }
  }

  /**
   * Opens the store under {@code config.dataDir()}, compiles the rules and starts the shards.
   *
   * @throws RuleLoadException when a rule file does not compile
   */
  public static Engine start(EngineConfig config, MeterRegistry meters) throws RuleLoadException {
    return start(config, meters, RocksStorage.open(config.dataDir(), config.durability()));
  }

  /**
   * As {@link #start(EngineConfig, MeterRegistry)}, folding every event into {@code statistics}
   * (per-entity rolling statistics that rules read as {@code stats}); the caller starts it
   * before and closes it after the engine.
   */
  public static Engine start(EngineConfig config, MeterRegistry meters, Statistics statistics)
      throws RuleLoadException {
    return start(config, meters, RocksStorage.open(config.dataDir(), config.durability()), statistics);
  }

  /** Starts an engine on an already open store, which the engine then owns and closes. */
  static Engine start(EngineConfig config, MeterRegistry meters, Storage storage) throws RuleLoadException {
    return start(config, meters, storage, null);
  }

  static Engine start(EngineConfig config, MeterRegistry meters, Storage storage, Statistics statistics)
      throws RuleLoadException {
    Engine engine = open(config, meters, storage, statistics);
    try {
      engine.awaitRecovered(Duration.ofDays(365));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      engine.close();
      throw new IllegalStateException("interrupted while the engine recovered", e);
    }
    return engine;
  }

  /**
   * As {@link #start(EngineConfig, MeterRegistry, Statistics)} ({@code statistics} may be null),
   * but returns while the journal replay of a crash recovery still runs in the background: until
   * {@link #recovery()} is done, {@link #ingest} throws {@link OverloadedException#recovering}.
   */
  public static Engine open(EngineConfig config, MeterRegistry meters, Statistics statistics)
      throws RuleLoadException {
    return open(config, meters, RocksStorage.open(config.dataDir(), config.durability()), statistics);
  }

  static Engine open(EngineConfig config, MeterRegistry meters, Storage storage, Statistics statistics)
      throws RuleLoadException {
    try {
      Engine engine = new Engine(config, storage, meters, statistics);
      Thread replay = new Thread(engine::recover, "vigil-recovery");
      replay.setDaemon(true);
      replay.start();
      log.info(
          "engine started: {} shards, {} rules, route keys {}, queue capacity {}",
          config.shards(), engine.rules.rules().size(), engine.rules.routeKeys(), config.queueCapacity());
      return engine;
    } catch (RuleLoadException | RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** See {@link RuleSandbox#compile}: a dry run on this engine's rule backend. */
  static RuleSandbox sandbox(java.util.Collection<EventType> known, StatisticsScope kept, String sourceName,
      String source) throws dev.vigil.rules.RuleException {
    return dev.vigil.engine.internal.host.DryRun.compile(new EsperBackend(),
        dev.vigil.engine.internal.state.InMemoryStatistics::new, known, kept, sourceName, source);
  }

  /**
   * A dry run of {@code source} against this node's event types and kept statistics (a rule that
   * reads statistics this node does not keep is rejected, as a deployment would be).
   */
  public RuleSandbox sandbox(String sourceName, String source) throws dev.vigil.rules.RuleException {
    return sandbox(types.all(), kept, sourceName, source);
  }

  /**
   * A rule-language compiler for this node: its event types, and the statistics it keeps
   * ({@code stats.entity_keys}), so validation answers what a deployment would.
   */
  public dev.vigil.rules.RuleCompiler ruleCompiler() {
    return DslRules.compiler(types.all(), kept);
  }

  /** The rules with their versions; deploys, replaces and removes rules without a restart. */
  public RuleCatalog ruleCatalog() {
    return catalog;
  }

  /**
   * Swaps rules in a running engine: the rule set's snapshot (and so the route keys) changes under
   * the admission lock, and every shard syncs its open runtimes behind the events already queued
   * to it. Events admitted before the swap were routed by the old route keys; events admitted after
   * it by the new ones.
   */
  private void swapRules(Collection<String> removedIds, RuleSet.Prepared added) {
    java.util.concurrent.CompletableFuture<Void> synced;
    synchronized (admitLock) {
      rules.replace(removedIds, added);
      synced = shards.onEveryRuntime(RuleRuntime::syncRules);
    }
    try {
      synced.get(SWAP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("rules " + removedIds + " were changed but not synced in every runtime", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while swapping rules " + removedIds, e);
    }
  }

  /**
   * Admits a batch of validated events. Events are journaled durably before this returns;
   * duplicates (by event id) are reported and not processed again.
   *
   * @return one admission per event, in order
   * @throws OverloadedException when the queues cannot take the batch; nothing was admitted
   * @throws StorageException when the journal write failed; nothing was admitted
   */
  public List<Admission> ingest(List<Event> events) throws OverloadedException {
    List<Admission> admissions = admit(events);
    if (!admissions.isEmpty()) {
      storage.journal().sync();
    }
    return admissions;
  }

  /**
   * {@link #ingest} without the wait for durability: journaled and dispatched in journal order
   * under the admission lock, durable once {@code storage.journal().sync()} returns. The fsync
   * is outside the lock, so the next batches are admitted while it runs and share the next one.
   */
  private List<Admission> admit(List<Event> events) throws OverloadedException {
    if (events.isEmpty()) {
      return List.of();
    }
    if (!recovered) {
      throw OverloadedException.recovering(RECOVERING_RETRY_SECONDS);
    }
    if (disk.full()) {
      throw new InsufficientStorageException("the store uses " + disk.used() + " bytes, at its budget of "
          + disk.maxBytes() + " (data.max_disk_bytes); nothing of this batch was written", 30);
    }
    if (heap.over()) {
      shards.refused(events);
      throw new OverloadedException("the long-lived heap (" + heap.used() + " bytes) is over engine.heap_limit ("
          + heap.limitBytes() + " bytes): rule state or queues fill memory; nothing of this batch was accepted", 5);
    }
    if (!gate.tryAcquire(events.size())) {
      shards.refused(events); // the resent batch stays on time (docs/design/event-time.md)
      throw new OverloadedException(
          "engine queue full: " + gate.inFlight() + " of " + gate.capacity() + " events in flight", 1);
    }
    int unused = events.size();
    Timer.Sample sample = Timer.start();
    try {
      // One admission at a time, so shard queues see events in journal order.
      synchronized (admitLock) {
        if (closed) {
          throw OverloadedException.shuttingDown(5);
        }
        long now = config.clock().millis();
        List<Admission> admissions =
            new ArrayList<>(storage.journal().admit(events, now, config.dedupHorizon().toMillis()));
        // Accepted events got consecutive sequence numbers ending at the journal's last one.
        long accepted = admissions.stream().filter(a -> a == Admission.ACCEPTED).count();
        long seq = storage.journal().lastSequence() - accepted;
        List<LateEvent> late = new ArrayList<>();
        try {
          for (int i = 0; i < events.size(); i++) {
            if (admissions.get(i) == Admission.ACCEPTED) {
              unused--;
              seq++;
              if (dispatch(seq, events.get(i), now, late)) {
                admissions.set(i, Admission.ACCEPTED_LATE);
              }
            }
          }
        } finally {
          shards.publish(); // the batch reaches each shard as one task
        }
        recordLate(late, now);
        return List.copyOf(admissions);
      }
    } finally {
      gate.release(unused);
      sample.stop(metrics.admitLatency());
    }
  }

  /** How accepted events reach disk (what {@link #ingest} guaranteed when it returned). */
  public Durability durability() {
    return config.durability();
  }

  public EventTypes eventTypes() {
    return types;
  }

  public Alerts alerts() {
    return storage.alerts();
  }

  /**
   * Real-time decisions: decide, read the decision log, deploy and roll back decision sets. The
   * decision blocks of the rule-language files in {@link EngineConfig#rules()} are deployed at
   * start as read-only sets (one per file), then the sets stored through the API.
   */
  public Decisions decisions() {
    return decisions;
  }

  /** Shorthand for {@code decisions().decide(event, dryRun)}. */
  public Decision decide(Event event, boolean dryRun) throws NoDecisionException, OverloadedException {
    return decisions.decide(event, dryRun);
  }

  /** The late-events log: accepted events the rules did not evaluate because they came too late. */
  public LateEvents lateEvents() {
    return storage.lateEvents();
  }

  public ApiKeyStore apiKeys() {
    return storage.apiKeys();
  }

  /** Webhook subscriptions; new alerts get one delivery per matching subscription. */
  public Subscriptions subscriptions() {
    return storage.subscriptions();
  }

  /** The webhook delivery outbox. */
  public Deliveries deliveries() {
    return storage.deliveries();
  }

  /** Matches of {@code ruleId} dropped by its suppress interval since start (also {@code vigil.rule.suppressed}). */
  public long suppressedCount(String ruleId) {
    return catalog.stats(ruleId).suppressed();
  }

  /** The deployed rules. */
  public List<RuleInfo> rules() {
    return rules.rules();
  }


  /**
   * The rolling statistics of entity {@code keyField = key} (e.g. {@code user_id}, {@code u1});
   * empty when it has no history or the engine runs without statistics.
   */
  public Optional<EntityStats> entityStats(String keyField, String key) {
    return statistics == null ? Optional.empty() : statistics.get(keyField, key);
  }

  /**
   * Whether this node keeps statistics for entity key field {@code keyField}: statistics are on and
   * the key is in {@code stats.entity_keys} (or that list is empty).
   */
  public boolean statisticsKept(String keyField) {
    return statistics != null && statistics.keeps(keyField);
  }

  /**
   * Events admitted but not yet evaluated by every shard they route to, including those waiting
   * in a reorder buffer for the watermark.
   */
  public long queueDepth() {
    return gate.inFlight();
  }

  /**
   * Waits until every admitted event was evaluated; {@code false} on timeout. Events wait in the
   * reorder buffers until the watermark passes them, so this returns only once newer events (or
   * idle progress) moved the watermark past every admitted event.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return gate.awaitIdle(timeout);
  }

  /**
   * Waits until every shard has taken the events admitted so far off its queue: evaluated them,
   * or put them in its reorder buffer to wait for the watermark. {@code false} on timeout.
   */
  public boolean awaitQueuesDrained(Duration timeout) throws InterruptedException {
    try {
      shards.barrier().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a shard failed while draining its queue", e.getCause());
    }
  }

  /** Forgets event ids older than the dedup horizon now (also done hourly in the background). */
  public long purgeDedup() {
    return purger.purgeNow();
  }

  /** Stops taking events, drains the queues, flushes and closes the store. */
  @Override
  public void close() {
    synchronized (admitLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    purger.close();
    retention.close();
    disk.close();
    // Queued deliveries are processed before the threads stop; events still waiting for the
    // watermark stay unapplied and are replayed at the next start (flushing them now would close
    // windows early).
    shards.stop(DRAIN_TIMEOUT);
    applied.close();
    storage.close();
    log.info("engine stopped");
  }

  /**
   * Crash recovery (docs/design/durability.md), on the {@code vigil-recovery} thread: replays the
   * journal from the rebuild start (the applied checkpoint minus the recovery horizon) up to the
   * checkpoint muted, to rebuild window, pattern and suppression state, then the events after the
   * checkpoint with their effects (alert ids are deterministic, the store drops repeats;
   * statistics marks drop repeated folds); waits until the shards took everything off their
   * queues, then opens ingest.
   */
  private void recover() {
    Journal journal = storage.journal();
    long checkpoint = rebuild.through();
    long from = Math.min(journal.rebuildStart(config.recoveryHorizon().toMillis()), checkpoint);
    long last = journal.lastSequence();
    long rebuildCount = checkpoint - from;
    long catchUp = last - checkpoint;
    recovery = new Recovery(false, rebuildCount, catchUp, 0, null);
    try {
      if (last > from) {
        log.info("recovery: rebuilding from journal sequences {}..{} ({} events, muted), catching up {}..{} ({} events)",
            from + 1, checkpoint, rebuildCount, checkpoint + 1, last, catchUp);
        replay(from, last, checkpoint);
        shards.barrier().get();
      }
      recovery = new Recovery(true, rebuildCount, catchUp, rebuildCount + catchUp, null);
      recovered = true;
      if (last > from) {
        log.info("recovery: done, {} events replayed ({} rebuild matches muted)", rebuildCount + catchUp,
            rebuild.mutedMatches());
      }
    } catch (RuntimeException | ExecutionException e) {
      recovery = new Recovery(false, rebuildCount, catchUp, recovery.replayed(), String.valueOf(e));
      log.error("recovery failed; the engine refuses events", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      recoveryDone.countDown();
    }
  }

  private void replay(long after, long last, long checkpoint) {
    long replayed = 0;
    long step = Math.max(1, (last - after) / 10);
    for (List<Journal.Entry> chunk = journal().read(after, REPLAY_CHUNK); !chunk.isEmpty() && after < last;
        chunk = journal().read(after, REPLAY_CHUNK)) {
      synchronized (admitLock) {
        if (closed) {
          throw new IllegalStateException("engine closed during recovery");
        }
        List<LateEvent> late = new ArrayList<>();
        long now = config.clock().millis();
        for (Journal.Entry entry : chunk) {
          if (entry.sequence() > last) {
            break;
          }
          if (entry.sequence() <= checkpoint) {
            awaitPermit(rebuildGate);
            applied.observe(entry.event().timestamp());
            shards.dispatch(entry.event(), entry.sequence(), () -> {}); // muted: no checkpoint, no late log
          } else {
            awaitPermit(gate);
            dispatch(entry.sequence(), entry.event(), now, late);
            shards.publish(); // the next permit may need this event's
          }
          after = entry.sequence();
          if (++replayed % step == 0) {
            log.info("recovery: {} of {} events replayed", replayed, recovery.total());
          }
        }
        recordLate(late, now);
        Recovery r = recovery;
        recovery = new Recovery(false, r.rebuildEvents(), r.catchUpEvents(), replayed, null);
      }
    }
  }

  private Journal journal() {
    return storage.journal();
  }

  /** Progress of the journal replay at start; ingest is refused until it is done. */
  public Recovery recovery() {
    return recovery;
  }

  /** Waits for the journal replay at start; {@code false} on timeout or when it failed. */
  public boolean awaitRecovered(Duration timeout) throws InterruptedException {
    return recoveryDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && recovered;
  }

  /** Deletes journal entries no restart needs now (also done every minute); returns how many. */
  public long truncateJournal() {
    return retention.truncateNow();
  }

  /**
   * Registers and stages one journaled event for its shards (caller holds the admission lock and
   * one permit, and publishes the staged events after its batch). Returns whether it was late,
   * adding it to {@code late} then.
   */
  private boolean dispatch(long sequence, Event event, long now, List<LateEvent> late) {
    long lateAgainst = shards.stage(event, sequence, applied.register(sequence, event.timestamp()));
    if (lateAgainst == ShardPool.ON_TIME) {
      return false;
    }
    late.add(new LateEvent(sequence, event, lateAgainst, now));
    return true;
  }

  /** Logs and counts late events; a log failure is counted, never fails the (journaled) batch. */
  private void recordLate(List<LateEvent> late, long now) {
    if (late.isEmpty()) {
      return;
    }
    try {
      // A replay may re-offer entries logged before a crash: count only the new ones.
      storage.lateEvents()
          .record(late, now, config.lateEventsMaxEntries(), config.lateEventsRetention().toMillis())
          .forEach(e -> metrics.late(e.event().type()));
    } catch (StorageException e) {
      metrics.lateLogError(late.size());
      late.forEach(l -> metrics.late(l.event().type()));
      log.error("could not write {} late events to the late-events log", late.size(), e);
    }
  }

  private static void awaitPermit(AdmissionGate gate) {
    while (!gate.tryAcquire(1)) {
      try {
        gate.awaitIdle(Duration.ofMillis(50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during journal replay", e);
      }
    }
  }

  /** Makes a newly stored type known to the rules and deploys it into every live runtime. */
  private void deployType(EventType type) {
    synchronized (admitLock) {
      if (closed) {
        return;
      }
    }
    try {
      shards.onEveryRuntime(runtime -> runtime.syncTypes()).get(DECLARE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.error("event type {} was stored but not deployed into every runtime", type.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
