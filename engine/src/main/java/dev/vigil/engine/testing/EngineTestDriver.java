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

  private EngineTestDriver(Engine engine, ManualClock clock, MeterRegistry meters) {
    this.engine = engine;
    this.clock = clock;
    this.meters = meters;
  }

  /** Two shards, rules from one file named {@code rules.epl}, wall clock at 2024-01-01. */
  public static EngineTestDriver start(Path dataDir, String epl) throws RuleLoadException {
    return start(dataDir, List.of(new RuleFile("rules.epl", epl)), 2);
  }

  public static EngineTestDriver start(Path dataDir, List<RuleFile> rules, int shards)
      throws RuleLoadException {
    ManualClock clock = new ManualClock(1_704_067_200_000L);
    EngineConfig config =
        new EngineConfig(dataDir, rules, shards, 10_000, Duration.ofHours(24), Durability.NONE, clock);
    return start(config, clock);
  }

  /**
   * Starts on a config whose clock is {@code clock}, folding events into {@code statistics}
   * (which the caller closes after the driver).
   */
  public static EngineTestDriver start(EngineConfig config, ManualClock clock, Statistics statistics)
      throws RuleLoadException {
    MeterRegistry meters = new SimpleMeterRegistry();
    return new EngineTestDriver(Engine.start(config, meters, statistics), clock, meters);
  }

  /** Starts on a config whose clock is {@code clock}. */
  public static EngineTestDriver start(EngineConfig config, ManualClock clock) throws RuleLoadException {
    MeterRegistry meters = new SimpleMeterRegistry();
    return new EngineTestDriver(Engine.start(config, meters), clock, meters);
  }

  /** Ingests the events as one batch and waits until they are processed. */
  public List<Admission> send(Event... events) {
    return send(List.of(events));
  }

  public List<Admission> send(List<Event> events) {
    try {
      List<Admission> admissions = engine.ingest(events);
      awaitIdle();
      return admissions;
    } catch (OverloadedException e) {
      throw new IllegalStateException("test engine overloaded: " + e.getMessage(), e);
    }
  }

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

  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    engine.close();
  }
}
