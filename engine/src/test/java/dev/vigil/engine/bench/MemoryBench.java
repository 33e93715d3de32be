package dev.vigil.engine.bench;

import dev.vigil.engine.Durability;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.Statistics;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.testing.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.management.ObjectName;

/**
 * How much heap the rules keep per event (issue 8, memory): runs the rules a node bundles ({@code
 * samples/rules/*.epl} and {@code samples/rules/dsl/*.vgl} minus 01, 08, 11 and 12, as {@code
 * RuleFiles.bundled()}) in-process over a generated payment stream ({@link PaymentStream}), then
 * compares the live heap after full collections with the heap of the idle engine before the first
 * event, and prints bytes per event and the classes that grew most (a class histogram diff). Not
 * part of the test suite; memory figures do not depend on CPU load, so a busy machine is fine.
 *
 * <pre>
 * mvn -B -q -o -pl engine -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * cd engine && java -Xmx2g -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *     dev.vigil.engine.bench.MemoryBench [--events 120000] [--rate 30] [--users 10000] [--shards 2]
 *     [--stats] [--top 25] [--seed 7]
 * </pre>
 *
 * <p>At {@code --rate} events per second of event time, 120 000 events span 66 minutes, so every
 * rule horizon (the longest is one hour) is full, as in a node at steady state: "per event of the
 * last hour" is the live heap over the events of the last hour of event time. Lateness is 0 and
 * idle progress is off, so nothing expires but by event time. Statistics (an embedded Hazelcast
 * member) only with {@code --stats}: their heap is per entity, not per event.
 */
public final class MemoryBench {

  private static final Set<String> NOT_BUNDLED = Set.of("01_", "08_", "11_", "12_");

  private record Options(int events, double rate, int users, int shards, boolean stats, int top, long seed) {}

  private MemoryBench() {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    List<RuleFile> rules = bundledRules();
    PaymentStream stream = new PaymentStream(o.users(), o.rate(), o.seed());
    long lastTs = stream.timestamp(o.events() - 1);
    System.out.printf("%d rule files, %d events at %.0f/s of event time (%.1f min), %d users, %d shards, statistics %s%n",
        rules.size(), o.events(), o.rate(), (lastTs - stream.timestamp(0)) / 60_000.0, o.users(), o.shards(),
        o.stats() ? "on" : "off");
    Path dir = Files.createTempDirectory("vigil-memory");
    ManualClock clock = new ManualClock(lastTs + 60_000);
    EngineConfig config = new EngineConfig(dir, rules, o.shards(), 400_000, Duration.ofHours(1), Durability.NONE, clock)
        .withAllowedLateness(Duration.ZERO)
        .withIdleTimeout(Duration.ofDays(1))
        .withHeapLimit(0);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Statistics statistics = o.stats()
        ? Statistics.start(StatisticsConfig.singleNode().withCluster("memory-" + System.nanoTime())) : null;
    try (Engine engine = statistics == null ? Engine.start(config, meters) : Engine.start(config, meters, statistics)) {
      long before = liveHeap();
      Map<String, long[]> histogramBefore = histogram();
      feed(engine, stream, o.events());
      long after = liveHeap();
      Map<String, long[]> histogramAfter = histogram();
      long lastHour = stream.eventsSince(o.events(), lastTs - 3_600_000);
      long grown = after - before;
      System.out.printf("live heap: %,d bytes before, %,d after: %,d bytes = %.0f bytes per event fed, "
          + "%.0f per event of the last hour (%d events)%n", before, after, grown, (double) grown / o.events(),
          (double) grown / lastHour, lastHour);
      System.out.printf("alerts %s%n", alerts(meters));
      printTop(histogramBefore, histogramAfter, o.top(), lastHour);
    } finally {
      if (statistics != null) {
        statistics.close();
      }
      deleteTree(dir);
    }
    System.exit(0);
  }

  private static void feed(Engine engine, PaymentStream stream, int n) throws InterruptedException {
    List<Event> batch = new ArrayList<>(500);
    for (int i = 0; i < n; i += 500) {
      batch.clear();
      for (int j = i; j < Math.min(n, i + 500); j++) {
        batch.add(stream.event(j));
      }
      Ingest.retrying(engine, batch);
    }
    if (!engine.awaitQueuesDrained(Duration.ofMinutes(30))) {
      throw new IllegalStateException("queues not drained after 30 minutes");
    }
  }

  /** Heap in use after full collections (the histogram call below collects too). */
  private static long liveHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Class name to {instances, bytes}, from the JVM's {@code GC.class_histogram} (a full GC first). */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  private static void printTop(Map<String, long[]> before, Map<String, long[]> after, int top, long events) {
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
    }
    grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
    System.out.printf("%-80s %12s %14s %10s%n", "class (growth)", "instances", "bytes", "B/event");
    for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
      System.out.printf("%-80s %,12d %,14d %10.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1],
          (double) e.getValue()[1] / events);
    }
  }

  private static Map<String, Long> alerts(SimpleMeterRegistry meters) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : meters.find("vigil.engine.alerts").tag("outcome", "new").counters()) {
      out.put(c.getId().getTag("rule"), (long) c.count());
    }
    return out;
  }

  /** The rules a node without {@code rules.dir} runs (api's {@code RuleFiles.bundled()}). */
  static List<RuleFile> bundledRules() throws IOException {
    Path root = null;
    for (String candidate : List.of("samples/rules", "../samples/rules")) {
      if (Files.isDirectory(Path.of(candidate))) {
        root = Path.of(candidate);
      }
    }
    if (root == null) {
      throw new IllegalStateException("run from the repository root or engine/: samples/rules not found");
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(root, root.resolve("dsl"))) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".epl") || p.toString().endsWith(".vgl"))
            .filter(p -> NOT_BUNDLED.stream().noneMatch(x -> p.getFileName().toString().startsWith(x)))
            .forEach(files::add);
      }
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<RuleFile> out = new ArrayList<>();
    for (Path p : files) {
      out.add(new RuleFile(p.getFileName().toString(), Files.readString(p)));
    }
    return out;
  }

  private static Options parse(String[] args) {
    Map<String, String> flags = new TreeMap<>();
    boolean stats = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--stats")) {
        stats = true;
      } else {
        flags.put(args[i], args[++i]);
      }
    }
    return new Options(Integer.parseInt(flags.getOrDefault("--events", "120000")),
        Double.parseDouble(flags.getOrDefault("--rate", "30")), Integer.parseInt(flags.getOrDefault("--users", "10000")),
        Integer.parseInt(flags.getOrDefault("--shards", "2")), stats,
        Integer.parseInt(flags.getOrDefault("--top", "25")), Long.parseLong(flags.getOrDefault("--seed", "7")));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
