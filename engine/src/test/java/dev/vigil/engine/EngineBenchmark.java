package dev.vigil.engine;

import dev.vigil.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Events per second through a real engine (RocksDB journal without fsync, the three sample rules,
 * reorder buffers) with lateness 0 and 5 s. The stream is ~10 events per event-time second, each
 * event up to {@code jitterMs} (default 2000) older than its position, sent in batches of 500;
 * with lateness 0 most out-of-order events are late (journaled and logged, not evaluated). Not part of the test suite (no {@code Test}/{@code
 * IT} suffix). Run after {@code mvn -pl engine -am test-compile}:
 *
 * <pre>
 * cd engine && java -Xmx512m -cp "target/test-classes:target/classes:$(mvn -q -o dependency:build-classpath
 *     -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" dev.vigil.engine.EngineBenchmark [events] [shards] [jitterMs] [latenessMs]
 * </pre>
 */
public final class EngineBenchmark {

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int shards = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int jitter = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    List<RuleFile> rules = new ArrayList<>();
    try (var files = Files.list(Path.of("../samples/rules"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".epl")).sorted().toList()) {
        rules.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
      }
    }
    List<Event> stream = stream(events, jitter);
    List<Duration> latenesses =
        args.length > 3 ? List.of(Duration.ofMillis(Long.parseLong(args[3]))) : List.of(Duration.ZERO, Duration.ofSeconds(5));
    for (Duration lateness : latenesses) {
      run(stream.subList(0, Math.min(20_000, events)), rules, shards, lateness, false); // warm-up
      run(stream, rules, shards, lateness, true);
    }
  }

  static void run(List<Event> stream, List<RuleFile> rules, int shards, Duration lateness, boolean print)
      throws Exception {
    Path dir = Files.createTempDirectory("vigil-bench");
    ManualClock clock = new ManualClock(stream.get(stream.size() - 1).timestamp() + 3_600_000);
    EngineConfig config =
        new EngineConfig(dir, rules, shards, 200_000, Duration.ofHours(1), Durability.NONE, clock)
            .withAllowedLateness(lateness)
            .withIdleTimeout(Duration.ofSeconds(1));
    long start = System.nanoTime();
    try (Engine engine = Engine.start(config, new SimpleMeterRegistry())) {
      for (int i = 0; i < stream.size(); i += 500) {
        List<Event> batch = stream.subList(i, Math.min(stream.size(), i + 500));
        while (true) {
          try {
            engine.ingest(batch);
            break;
          } catch (OverloadedException e) {
            Thread.onSpinWait();
          }
        }
      }
      clock.advance(Duration.ofHours(1)); // idle progress releases what the buffers hold
      if (!engine.awaitIdle(Duration.ofMinutes(5))) {
        throw new IllegalStateException("not idle");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (print) {
        System.out.printf(
            "lateness %s, %d shards: %d events in %.2f s = %.0f events/s, %d alerts, %d late%n",
            lateness, shards, stream.size(), seconds, stream.size() / seconds, engine.alerts().count(), engine.lateEvents().count());
      }
    }
  }

  static List<Event> stream(int n, int jitter) {
    Random r = new Random(42);
    List<Event> events = new ArrayList<>(n);
    long ts = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      ts += r.nextInt(200);
      Map<String, Object> f = new HashMap<>();
      f.put("user_id", "u" + r.nextInt(5_000));
      f.put("card_id", "c" + r.nextInt(2_000));
      f.put("amount", new BigDecimal(r.nextInt(10_000)));
      f.put("currency", "EUR");
      f.put("country", r.nextBoolean() ? "US" : "FR");
      events.add(new Event("e" + i, "transaction", ts - (jitter == 0 ? 0 : r.nextInt(jitter)), f, Map.of()));
    }
    return events;
  }
}
