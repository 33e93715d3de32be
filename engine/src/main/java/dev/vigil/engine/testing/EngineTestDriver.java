package dev.vigil.engine.testing;

import dev.vigil.engine.Admission;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Durability;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Event;
import dev.vigil.engine.OverloadedException;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.Statistics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a real engine (real store, real rules) for tests: deploy EPL, send events, wait until they
 * are processed, read the alerts. The wall clock is a {@link ManualClock}; rules run on event
 * time, so tests control time through event timestamps and never sleep.
 *
 * <p>Events wait in the shards' reorder buffers until the watermark passes them (see {@code
 * docs/design/event-time.md}). A driver from {@link #start(Path, String)} or {@link #start(Path,
 * List, int)} runs with lateness 0 and idle timeout 0 and {@linkplain #flush() flushes} after
 * every {@link #send}, so each sent batch is fully evaluated when {@code send} returns (a later
 * event older than what was sent before is then late). A driver from {@link
 * #start(EngineConfig, ManualClock)} uses the config's lateness and only waits until the shards
 * took the events off their queues: tests move the watermark with later events or with {@link
 * #flush()} (idle progress).
 *
 * <pre>{@code
 * try (EngineTestDriver driver = EngineTestDriver.start(tempDir, "@Name('big') select * from transaction where amount > 1000")) {
 *   driver.send(event);
 *   assertThat(driver.alerts()).hasSize(1);
 * }
 * }</pre>
 */
public final class EngineTestDriver implements AutoCloseable {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final Engine engine;
  private final ManualClock clock;
  private final MeterRegistry meters;
  private final EngineConfig config;
  private final boolean flushAfterSend;

  private EngineTestDriver(
      Engine engine, ManualClock clock, MeterRegistry meters, EngineConfig config, boolean flushAfterSend) {
    this.engine = engine;
    this.clock = clock;
    this.meters = meters;
    this.config = config;
    this.flushAfterSend = flushAfterSend;
  }

  /**
   * Two shards, rules from one file named {@code rules.epl}, wall clock at 2024-01-01, lateness 0,
   * flush after every send.
   */
  public static EngineTestDriver start(Path dataDir, String epl) throws RuleLoadException {
    return start(dataDir, List.of(new RuleFile("rules.epl", epl)), 2);
  }

  public static EngineTestDriver start(Path dataDir, List<RuleFile> rules, int shards)
      throws RuleLoadException {
    ManualClock clock = new ManualClock(1_704_067_200_000L);
    EngineConfig config =
        new EngineConfig(dataDir, rules, shards, 10_000, Duration.ofHours(24), Durability.NONE, clock)
            .withAllowedLateness(Duration.ZERO)
            .withIdleTimeout(Duration.ZERO);
    return start(config, clock, true);
  }

  /**
   * Starts on a config whose clock is {@code clock}, folding events into {@code statistics}
   * (which the caller closes after the driver); {@link #send} flushes.
   */
  public static EngineTestDriver start(EngineConfig config, ManualClock clock, Statistics statistics)
      throws RuleLoadException {
    MeterRegistry meters = new SimpleMeterRegistry();
    return new EngineTestDriver(Engine.start(config, meters, statistics), clock, meters, config, true);
  }

  /** Starts on a config whose clock is {@code clock}; {@link #send} does not flush. */
  public static EngineTestDriver start(EngineConfig config, ManualClock clock) throws RuleLoadException {
    return start(config, clock, false);
  }

  private static EngineTestDriver start(EngineConfig config, ManualClock clock, boolean flushAfterSend)
      throws RuleLoadException {
    MeterRegistry meters = new SimpleMeterRegistry();
    return new EngineTestDriver(Engine.start(config, meters), clock, meters, config, flushAfterSend);
  }

  /** Ingests the events as one batch and waits until they are processed. */
  public List<Admission> send(Event... events) {
    return send(List.of(events));
  }

  public List<Admission> send(List<Event> events) {
    try {
      List<Admission> admissions = engine.ingest(events);
      if (flushAfterSend) {
        flush();
      } else {
        awaitQueuesDrained();
      }
      return admissions;
    } catch (OverloadedException e) {
      throw new IllegalStateException("test engine overloaded: " + e.getMessage(), e);
    }
  }

  /**
   * Idle progress: moves the wall clock past the idle timeout plus the largest lateness, so every
   * shard's watermark passes every event it has, and waits until all of them were evaluated.
   * Needs the wall clock to be ahead of the event times (the watermark never passes wall-clock now
   * minus the lateness).
   */
  public void flush() {
    long lateness = config.allowedLateness().toMillis();
    for (dev.vigil.rules.schema.EventType t : engine.eventTypes().all()) {
      if (t.lateness() != null) {
        lateness = Math.max(lateness, t.lateness().toMillis());
      }
    }
    clock.advance(config.idleTimeout().plusMillis(lateness + 1));
    awaitIdle();
  }

  /** Waits until the shards took every admitted event off their queues (evaluated or buffered). */
  public void awaitQueuesDrained() {
    try {
      if (!engine.awaitQueuesDrained(IDLE_TIMEOUT)) {
        throw new IllegalStateException("shard queues not drained after " + IDLE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until every admitted event was evaluated (the watermark passed them all). */
  public void awaitIdle() {
    try {
      if (!engine.awaitIdle(IDLE_TIMEOUT)) {
        throw new IllegalStateException("engine not idle after " + IDLE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every stored alert, oldest first. */
  public List<Alert> alerts() {
    List<Alert> all = new ArrayList<>();
    String cursor = null;
    do {
      AlertPage page = engine.alerts().query(new AlertQuery(null, null, null, null, null, cursor, 1000));
      all.addAll(page.alerts());
      cursor = page.nextCursor();
    } while (cursor != null);
    Collections.reverse(all);
    return all;
  }

  /** The stored alerts of one rule, oldest first. */
  public List<Alert> alerts(String ruleId) {
    return alerts().stream().filter(a -> a.ruleId().equals(ruleId)).toList();
  }

  public Engine engine() {
    return engine;
  }

  public ManualClock clock() {
    return clock;
  }

  /** The late-events log, newest first (up to 1000 entries). */
  public List<dev.vigil.engine.LateEvent> lateEvents() {
    return engine.lateEvents().query(dev.vigil.engine.LateEventQuery.firstPage(1000)).events();
  }

  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    engine.close();
  }
}
