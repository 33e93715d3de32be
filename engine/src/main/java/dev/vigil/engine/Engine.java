package dev.vigil.engine;

import dev.vigil.engine.internal.drools.DroolsDecisions;
import dev.vigil.engine.internal.esper.EsperBackend;
import dev.vigil.engine.internal.host.AdmissionGate;
import dev.vigil.engine.internal.host.AlertFactory;
import dev.vigil.engine.internal.host.AppliedCheckpoint;
import dev.vigil.engine.internal.host.AlertPublisher;
import dev.vigil.engine.internal.host.DedupPurger;
import dev.vigil.engine.internal.host.EngineMetrics;
import dev.vigil.engine.internal.host.EventTimePolicy;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.engine.internal.host.ShardPool;
import dev.vigil.engine.internal.host.TypeRegistry;
import dev.vigil.engine.internal.store.RocksStorage;
import dev.vigil.engine.spi.Journal;
import dev.vigil.engine.spi.Storage;
import dev.vigil.rules.schema.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
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
  private static final Duration PURGE_PERIOD = Duration.ofHours(1);
  private static final long CHECKPOINT_PERIOD_MILLIS = 1_000;
  private static final int REPLAY_CHUNK = 1_000;

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
  private final Object admitLock = new Object();
  private boolean closed;

  private Engine(EngineConfig config, Storage storage, MeterRegistry meters) throws RuleLoadException {
    this.config = config;
    this.storage = storage;
    this.types = new TypeRegistry(storage.eventTypes());
    this.rules = new EsperBackend().compile(config.rules(), types.all());
    this.gate = new AdmissionGate(config.queueCapacity());
    this.metrics = new EngineMetrics(meters, gate, config.shards());
    AlertPublisher publisher =
        new AlertPublisher(new AlertFactory(config.clock()), storage.alerts(), metrics);
    this.shards =
        new ShardPool(
            config.shards(), rules, publisher, gate, metrics, EventTimePolicy.forwardOnly(), config.clock());
    this.types.listener(
        new TypeRegistry.Listener() {
          @Override
          public void prepare(EventType type) {
            rules.addType(type);
          }

          @Override
          public void declared(EventType type) {
            deployType(type);
          }
        });
    this.shards.start();
    this.applied = new AppliedCheckpoint(storage.journal(), CHECKPOINT_PERIOD_MILLIS);
    this.purger =
        new DedupPurger(storage.journal(), config.clock(), config.dedupHorizon(), metrics, PURGE_PERIOD);
    this.decisions = new DroolsDecisions(storage.decisions(), storage.alerts(), rules::rules, types::all,
        event -> ingest(List.of(event)), config.clock());
  }

  /**
   * Opens the store under {@code config.dataDir()}, compiles the rules and starts the shards.
   *
   * @throws RuleLoadException when a rule file does not compile
   */
  public static Engine start(EngineConfig config, MeterRegistry meters) throws RuleLoadException {
    return start(config, meters, RocksStorage.open(config.dataDir(), config.durability()));
  }

  /** Starts an engine on an already open store, which the engine then owns and closes. */
  static Engine start(EngineConfig config, MeterRegistry meters, Storage storage) throws RuleLoadException {
    try {
      Engine engine = new Engine(config, storage, meters);
      engine.replayUnapplied();
      log.info(
          "engine started: {} shards, {} rules, route keys {}, queue capacity {}",
          config.shards(), engine.rules.rules().size(), engine.rules.routeKeys(), config.queueCapacity());
      return engine;
    } catch (RuleLoadException | RuntimeException e) {
      storage.close();
      throw e;
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
    if (events.isEmpty()) {
      return List.of();
    }
    if (!gate.tryAcquire(events.size())) {
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
        List<Admission> admissions =
            storage.journal().admit(events, config.clock().millis(), config.dedupHorizon().toMillis());
        // Accepted events got consecutive sequence numbers ending at the journal's last one.
        long accepted = admissions.stream().filter(a -> a == Admission.ACCEPTED).count();
        long seq = storage.journal().lastSequence() - accepted;
        for (int i = 0; i < events.size(); i++) {
          if (admissions.get(i) == Admission.ACCEPTED) {
            unused--;
            seq++;
            applied.register(seq);
            shards.dispatch(events.get(i), applied.completion(seq));
          }
        }
        return admissions;
      }
    } finally {
      gate.release(unused);
      sample.stop(metrics.admitLatency());
    }
  }

  public EventTypes eventTypes() {
    return types;
  }

  public Alerts alerts() {
    return storage.alerts();
  }

  /** Real-time decisions: deploy decision sets, decide, read the decision log. */
  public Decisions decisions() {
    return decisions;
  }

  /** Shorthand for {@code decisions().decide(event, dryRun)}. */
  public Decision decide(Event event, boolean dryRun) throws NoDecisionException, OverloadedException {
    return decisions.decide(event, dryRun);
  }

  public ApiKeyStore apiKeys() {
    return storage.apiKeys();
  }

  /** The deployed rules. */
  public List<RuleInfo> rules() {
    return rules.rules();
  }

  /** Events admitted but not yet processed by every shard they route to. */
  public long queueDepth() {
    return gate.inFlight();
  }

  /** Waits until every admitted event was processed; {@code false} on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return gate.awaitIdle(timeout);
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
    try {
      if (!gate.awaitIdle(DRAIN_TIMEOUT)) {
        log.warn("engine close: {} events still in flight after {}", gate.inFlight(), DRAIN_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shards.stop(DRAIN_TIMEOUT);
    applied.close();
    storage.close();
    log.info("engine stopped");
  }

  /**
   * Re-evaluates journaled events after the applied checkpoint: events accepted before a crash
   * but not yet processed by every shard. Their alerts keep their deterministic ids, so an alert
   * that was already stored is recognised as a repeat. Window and pattern state from before the
   * checkpoint is not rebuilt (see docs/design/engine-host.md).
   */
  private void replayUnapplied() {
    Journal journal = storage.journal();
    long after = journal.appliedSequence();
    long last = journal.lastSequence();
    if (last <= after) {
      return;
    }
    log.info("recovery: replaying journal sequences {}..{} ({} events)", after + 1, last, last - after);
    long replayed = 0;
    synchronized (admitLock) {
      for (List<Journal.Entry> chunk = journal.read(after, REPLAY_CHUNK);
          !chunk.isEmpty();
          chunk = journal.read(after, REPLAY_CHUNK)) {
        for (Journal.Entry entry : chunk) {
          awaitPermit();
          applied.register(entry.sequence());
          shards.dispatch(entry.event(), applied.completion(entry.sequence()));
          after = entry.sequence();
          replayed++;
        }
      }
    }
    log.info("recovery: {} journaled events queued for the rules", replayed);
  }

  private void awaitPermit() {
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
