package dev.vigil.engine.bench;

import dev.vigil.engine.Durability;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.Statistics;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.testing.ManualClock;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.schema.KeptStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The engine benchmark of issue 8: one generated stream ({@link P5Stream}) through Vigil's engine
 * in-process (rule-language rules, event-time ordering with the reorder buffers, per-entity
 * statistics in an embedded Hazelcast member, alert ids and the alert store) and through raw Esper
 * on one thread, in the same run; prints both rates and their ratio. Not part of the test suite.
 *
 * <pre>
 * mvn -B -q -o -pl engine -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx2g -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.cp) \
 *     dev.vigil.engine.bench.EngineBench p5 [--events 2000000] [--shards 2] [--lateness-ms 5000]
 *     [--no-stats] [--only vigil|esper] [--warmup 200000] [--seed 42] [--batch 500] [--queue 400000]
 *     [--users 10000] [--stats-keys user_id,card_id] [--stats-dims none|country,...]
 * ... dev.vigil.engine.bench.EngineBench r100 --events 300000
 * </pre>
 *
 * <p>{@code p5}: the five P5 rules ({@code samples/rules/bench/p5}); raw Esper runs them written
 * by hand ({@link RawEsper#P5_EPL}). {@code r100}: the 100 rules of {@code samples/rules/bench/r100};
 * raw Esper runs the EPL the rule language generates for them, in one runtime. Run from the
 * repository root or from {@code engine/}. The journal is RocksDB without a write-ahead log
 * ({@link Durability#NONE}), so the run does (almost) no disk I/O. {@code --stats-keys} keeps
 * statistics only for the listed entity keys ({@code stats.entity_keys}); by default every key
 * field of a transaction (user, card, merchant) is folded, though P5 reads only the user's;
 * {@code --stats-dims} likewise the dimensions whose distinct values are counted ({@code
 * stats.dimensions}; P5 reads none).
 */
public final class EngineBench {

  private record Options(String mode, int events, int shards, long latenessMs, boolean stats, String only,
      int warmup, long seed, int batch, int queue, int users, Set<String> statsKeys, Set<String> statsDims) {}

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Path ruleDir = benchDir().resolve(o.mode());
    List<RuleFile> rules = ruleFiles(ruleDir);
    System.out.printf("mode %s: %d rule files from %s, %d events (+%d warm-up), %d shards, lateness %d ms, statistics %s%n",
        o.mode(), rules.size(), ruleDir, o.events(), o.warmup(), o.shards(), o.latenessMs(),
        !o.stats() ? "off" : (o.statsKeys().isEmpty() ? "on" : "on for " + String.join(",", o.statsKeys()))
            + ", distinct values of " + (o.statsDims().isEmpty() ? "none" : String.join(",", o.statsDims())));
    P5Stream stream = new P5Stream(o.events() + o.warmup(), o.seed(), o.users());
    String generatedEpl = o.mode().equals("p5") ? null : generatedEpl(rules);
    double esperRate = 0;
    double vigilRate = 0;
    if (!o.only().equals("vigil")) {
      esperRate = esper(stream, o.warmup(), o.events(), generatedEpl);
    }
    if (!o.only().equals("esper")) {
      vigilRate = vigil(stream, o.warmup(), o.events(), rules, o);
    }
    if (esperRate > 0 && vigilRate > 0) {
      System.out.printf("RESULT %s: vigil %.0f events/s, raw esper %.0f events/s, vigil/esper = %.2f%n",
          o.mode(), vigilRate, esperRate, vigilRate / esperRate);
    }
    System.exit(0);
  }

  /**
   * Raw Esper over events [0, warmup + n) in one runtime, timing the last {@code n}; returns
   * events/s. The rows are those of the whole stream.
   */
  private static double esper(P5Stream stream, int warmup, int n, String generatedEpl) {
    if (n == 0) {
      return 0;
    }
    try (RawEsper esper = generatedEpl == null
        ? RawEsper.p5(P5Stream.timestamp(0)) : RawEsper.generated(generatedEpl, P5Stream.timestamp(0))) {
      send(esper, stream, 0, warmup, generatedEpl);
      long start = System.nanoTime();
      Costs before = Costs.now();
      send(esper, stream, warmup, warmup + n, generatedEpl);
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> rows = esper.rows();
      Costs spent = Costs.now().minus(before);
      System.out.printf("raw esper: %d events in %.2f s = %.0f events/s (%.0f per CPU-second; %s); rows %s%n", n,
          seconds, n / seconds, n / spent.cpuSeconds(), spent, summary(rows));
      return n / seconds;
    }
  }

  /** Sends events [from, to) to raw Esper: hand-written P5 maps, or Vigil's schema for generated EPL. */
  private static void send(RawEsper esper, P5Stream stream, int from, int to, String generatedEpl) {
    for (int i = from; i < to; i++) {
      esper.send(generatedEpl == null ? stream.handWritten(i) : stream.asVigilMap(i), P5Stream.timestamp(i));
    }
  }

  /**
   * Vigil's engine over events [0, warmup + n), timing the last {@code n}: from the first of them
   * until every event was evaluated (the warm-up's events taken off the shards' queues first, so
   * the timed part starts with warm code and the reorder buffers holding the lateness); returns
   * events/s. The alerts are those of the whole stream.
   */
  private static double vigil(P5Stream stream, int warmup, int n, List<RuleFile> rules, Options o) throws Exception {
    if (n == 0) {
      return 0;
    }
    Path dir = Files.createTempDirectory("vigil-bench");
    ManualClock clock = new ManualClock(P5Stream.timestamp(warmup + n) + 60_000);
    EngineConfig config = new EngineConfig(dir, rules, o.shards(), o.queue(), Duration.ofHours(1), Durability.NONE, clock)
        .withAllowedLateness(Duration.ofMillis(o.latenessMs()))
        .withIdleTimeout(Duration.ofMillis(20));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Statistics statistics = o.stats()
        ? Statistics.start(StatisticsConfig.singleNode().withCluster("bench-" + System.nanoTime())
            .withEntityKeys(o.statsKeys()).withDimensions(o.statsDims()))
        : null;
    double seconds;
    try (Engine engine = statistics == null ? Engine.start(config, meters) : Engine.start(config, meters, statistics)) {
      ingest(engine, stream, 0, warmup, o.batch());
      if (!engine.awaitQueuesDrained(Duration.ofMinutes(30))) {
        throw new IllegalStateException("warm-up not taken off the queues after 30 minutes");
      }
      long start = System.nanoTime();
      Costs before = Costs.now();
      ingest(engine, stream, warmup, warmup + n / 2, o.batch());
      // The second half alone: by then the JIT has (mostly) settled; what is still queued counts there.
      long halfStart = System.nanoTime();
      Costs half = Costs.now();
      long halfEvents = n - n / 2 + engine.queueDepth();
      ingest(engine, stream, warmup + n / 2, warmup + n, o.batch());
      clock.advance(Duration.ofHours(1)); // idle progress releases what the reorder buffers hold
      if (!engine.awaitIdle(Duration.ofMinutes(30))) {
        throw new IllegalStateException("engine not idle after 30 minutes");
      }
      long end = System.nanoTime();
      seconds = (end - start) / 1e9;
      Costs after = Costs.now();
      Costs spent = after.minus(before);
      Costs spentHalf = after.minus(half);
      double halfSeconds = (end - halfStart) / 1e9;
      System.out.printf("vigil: %d events in %.2f s = %.0f events/s (%.0f per CPU-second; %s); alerts %s%n", n,
          seconds, n / seconds, n / spent.cpuSeconds(), spent, summary(alerts(meters)));
      System.out.printf("vigil, second half: %d events in %.2f s = %.0f events/s (%.0f per CPU-second; %s)%n",
          halfEvents, halfSeconds, halfEvents / halfSeconds, halfEvents / spentHalf.cpuSeconds(), spentHalf);
    } finally {
      if (statistics != null) {
        statistics.close();
      }
      deleteTree(dir);
    }
    return n / seconds;
  }

  /** Ingests events [from, to) in batches ({@link Ingest#retrying}). */
  private static void ingest(Engine engine, P5Stream stream, int from, int to, int batchSize) {
    List<Event> batch = new ArrayList<>(batchSize);
    for (int i = from; i < to; i += batchSize) {
      batch.clear();
      for (int j = i; j < Math.min(to, i + batchSize); j++) {
        batch.add(stream.event(j));
      }
      Ingest.retrying(engine, batch);
    }
  }

  /**
   * What the process spent: CPU time of all threads (Hazelcast's included), the JIT compilers' time
   * and the collectors' (for G1: pauses) — so a rate says how much of its time was the code measured.
   */
  private record Costs(long cpuNanos, long jitMillis, long gcMillis) {
    static Costs now() {
      long gc = 0;
      for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        gc += Math.max(0, b.getCollectionTime());
      }
      return new Costs(((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
          java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gc);
    }

    Costs minus(Costs earlier) {
      return new Costs(cpuNanos - earlier.cpuNanos, jitMillis - earlier.jitMillis, gcMillis - earlier.gcMillis);
    }

    double cpuSeconds() {
      return cpuNanos / 1e9;
    }

    @Override
    public String toString() {
      return String.format("CPU %.1f s, of it JIT %.1f s; GC pauses %.1f s", cpuSeconds(), jitMillis / 1e3, gcMillis / 1e3);
    }
  }

  private static Map<String, Long> alerts(SimpleMeterRegistry meters) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : meters.find("vigil.engine.alerts").tag("outcome", "new").counters()) {
      out.put(c.getId().getTag("rule"), (long) c.count());
    }
    return out;
  }

  private static String summary(Map<String, Long> counts) {
    if (counts.size() <= 10) {
      return counts.toString();
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return total + " in total from " + counts.size() + " rules";
  }

  /** The EPL the rule language generates for the rule files (R100 has no operator EPL). */
  private static String generatedEpl(List<RuleFile> rules) throws Exception {
    StringBuilder epl = new StringBuilder();
    for (RuleFile f : rules) {
      for (CompiledRule r : new RuleCompiler().compile(f.name(), f.text()).rules()) {
        epl.append(r.epl().strip());
        if (!r.epl().strip().endsWith(";")) {
          epl.append(';');
        }
        epl.append('\n');
      }
    }
    return epl.toString();
  }

  private static Path benchDir() {
    for (String candidate : List.of("samples/rules/bench", "../samples/rules/bench")) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException("run from the repository root or engine/: samples/rules/bench not found");
  }

  private static List<RuleFile> ruleFiles(Path dir) throws IOException {
    List<RuleFile> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".vgl") || f.toString().endsWith(".epl")).sorted().toList()) {
        out.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
      }
    }
    return out;
  }

  private static Options parse(String[] args) {
    String mode = args.length > 0 ? args[0] : "p5";
    if (!mode.equals("p5") && !mode.equals("r100")) {
      throw new IllegalArgumentException("mode is p5 or r100");
    }
    Map<String, String> flags = new TreeMap<>();
    boolean stats = true;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--no-stats")) {
        stats = false;
      } else {
        flags.put(args[i], args[++i]);
      }
    }
    int events = Integer.parseInt(flags.getOrDefault("--events", mode.equals("p5") ? "2000000" : "300000"));
    return new Options(mode, events, Integer.parseInt(flags.getOrDefault("--shards", "2")),
        Long.parseLong(flags.getOrDefault("--lateness-ms", "5000")), stats, flags.getOrDefault("--only", "both"),
        Integer.parseInt(flags.getOrDefault("--warmup", String.valueOf(Math.min(200_000, events / 5)))),
        Long.parseLong(flags.getOrDefault("--seed", "42")), Integer.parseInt(flags.getOrDefault("--batch", "500")),
        Integer.parseInt(flags.getOrDefault("--queue", "400000")),
        Integer.parseInt(flags.getOrDefault("--users", String.valueOf(P5Stream.USERS))),
        flags.containsKey("--stats-keys") ? Set.of(flags.get("--stats-keys").split(",")) : Set.of(),
        !flags.containsKey("--stats-dims") ? Set.copyOf(KeptStatistics.DIMENSIONS)
            : flags.get("--stats-dims").equals("none") ? Set.of() : Set.of(flags.get("--stats-dims").split(",")));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
