package dev.vigil.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;

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
 */
public final class Engine implements AutoCloseable {

  /**
   * Opens the store under {@code config.dataDir()}, compiles the rules and starts the shards.
   *
   * @throws RuleLoadException when a rule file does not compile
   */
  public static Engine start(EngineConfig config, MeterRegistry meters) throws RuleLoadException {
    throw new UnsupportedOperationException("engine host not built yet");
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
    throw new UnsupportedOperationException();
  }

  public EventTypes eventTypes() {
    throw new UnsupportedOperationException();
  }

  public Alerts alerts() {
    throw new UnsupportedOperationException();
  }

  public ApiKeyStore apiKeys() {
    throw new UnsupportedOperationException();
  }

  /** The deployed rules. */
  public List<RuleInfo> rules() {
    throw new UnsupportedOperationException();
  }

  /** Events admitted but not yet processed by every shard they route to. */
  public long queueDepth() {
    throw new UnsupportedOperationException();
  }

  /** Waits until every admitted event was processed; {@code false} on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    throw new UnsupportedOperationException();
  }

  /** Stops taking events, drains the queues, flushes and closes the store. */
  @Override
  public void close() {
    throw new UnsupportedOperationException();
  }
}
