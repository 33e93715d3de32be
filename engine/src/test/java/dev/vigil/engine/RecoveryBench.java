package dev.vigil.engine;

import dev.vigil.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Crash-recovery time (docs/design/durability.md, docs/performance.md): journals {@code events}
 * transactions of {@code entities} users through an engine running the sample EPL rules (with
 * per-entity statistics when {@code stats} is true), closes it, then measures a restart on the same
 * store: the muted rebuild replays every journaled event (all within the recovery horizon), and,
 * with statistics, the lazy load of every entity from the store on first read (checking that the
 * counts add up exactly). Not part of the suite. Run after {@code mvn -pl engine -am test-compile}:
 *
 * <pre>
 * cd engine && java -Xmx1g -cp "target/test-classes:target/classes:$(mvn -q -o dependency:build-classpath
 *     -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" dev.vigil.engine.RecoveryBench [events] [entities] [stats]
 * </pre>
 */
public final class RecoveryBench {
  private static final long T0 = 1_764_000_000_000L;

  private RecoveryBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int entities = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    boolean stats = args.length > 2 && Boolean.parseBoolean(args[2]);
    List<RuleFile> rules = new ArrayList<>();
    try (var files = Files.list(Path.of("../samples/rules"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".epl")).sorted().toList()) {
        rules.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
      }
    }
    Path dir = Files.createTempDirectory("vigil-recovery-bench");
    ManualClock clock = new ManualClock(T0 + events + 3_600_000L);
    EngineConfig config = new EngineConfig(dir, rules, 2, 100_000, Duration.ofHours(48), Durability.BATCH, clock)
        .withIdleTimeout(Duration.ofHours(1));
    long t0 = System.nanoTime();
    try (Statistics s = stats ? Statistics.start(StatisticsConfig.singleNode()) : null;
        Engine engine = Engine.start(config, new SimpleMeterRegistry(), s)) {
      for (int i = 0; i < events; i += 1_000) {
        List<Event> batch = new ArrayList<>(1_000);
        for (int j = i; j < Math.min(events, i + 1_000); j++) {
          batch.add(new Event("e" + j, "transaction", T0 + j,
              Map.of("user_id", "u" + (j % entities), "amount", BigDecimal.valueOf(1 + j % 97), "currency", "EUR",
                  "country", "DE"), Map.of()));
        }
        while (true) {
          try {
            engine.ingest(batch);
            break;
          } catch (OverloadedException e) {
            engine.awaitQueuesDrained(Duration.ofSeconds(1));
          }
        }
      }
      engine.awaitQueuesDrained(Duration.ofMinutes(30));
    }
    System.out.printf("journaled and processed %d events of %d entities (stats %s) in %.1f s%n", events, entities,
        stats, (System.nanoTime() - t0) / 1e9);

    long t1 = System.nanoTime();
    try (Statistics s = stats ? Statistics.start(StatisticsConfig.singleNode()) : null) {
      long t2 = System.nanoTime();
      try (Engine engine = Engine.start(config, new SimpleMeterRegistry(), s)) {
        long t3 = System.nanoTime();
        Recovery r = engine.recovery();
        System.out.printf("restart: statistics member %.1f s, engine start + recovery %.1f s (rebuild %d events,"
            + " catch-up %d events): %.0f events/s%n", (t2 - t1) / 1e9, (t3 - t2) / 1e9, r.rebuildEvents(),
            r.catchUpEvents(), r.total() / ((t3 - t2) / 1e9));
        if (stats) {
          long t4 = System.nanoTime();
          long total = 0;
          for (int u = 0; u < entities; u++) {
            total += engine.entityStats("user_id", "u" + u).map(EntityStats::eventCount).orElse(0L);
          }
          System.out.printf("lazy load of %d entities from the store: %.1f s; event counts add up to %d (expected"
              + " %d, minus the few events still in reorder buffers)%n", entities, (System.nanoTime() - t4) / 1e9,
              total, events);
        }
      }
    }
  }
}
