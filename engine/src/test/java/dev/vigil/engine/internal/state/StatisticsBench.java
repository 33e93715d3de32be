package dev.vigil.engine.internal.state;

import dev.vigil.engine.Event;
import dev.vigil.engine.StatisticsConfig;
import dev.vigil.engine.spi.EntityStatistics.Fold;
import dev.vigil.rules.schema.BuiltInTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Statistics benchmarks (not part of the test suite; no assertions).
 *
 * <pre>
 * mvn -B -q -o -pl engine -am test-compile
 * mvn -B -q -o -pl engine dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * CP=engine/target/classes:engine/target/test-classes:$(cat /tmp/cp.txt)
 * # bytes per entity: 1M entities, 20 transactions each over 30 days, in a 2 GB heap
 * java -Xmx2g -cp $CP dev.vigil.engine.internal.state.StatisticsBench memory 1000000
 * # fold throughput with 1 or 2 members in this JVM, 4 caller threads, 200k folds
 * java -Xmx1g -cp $CP dev.vigil.engine.internal.state.StatisticsBench updates 1 200000
 * java -Xmx1g -cp $CP dev.vigil.engine.internal.state.StatisticsBench updates 2 200000
 * </pre>
 */
public final class StatisticsBench {
  private static final long T0 = 1_790_000_000_000L;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("memory")) {
      memory(Integer.parseInt(args[1]));
    } else {
      updates(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }
    System.exit(0);
  }

  private static void memory(int entities) throws Exception {
    HazelcastStatistics m = HazelcastStatistics.start(config(freePort(), List.of()));
    long before = usedAfterGc();
    Random r = new Random(1);
    Map<String, byte[]> chunk = new HashMap<>();
    for (int e = 0; e < entities; e++) {
      chunk.put("user_id:user-" + e, EntityStateCodec.encode(history(r)));
      if (chunk.size() == 10_000) {
        m.member().<String, byte[]>getMap(HazelcastStatistics.MAP).putAll(chunk);
        chunk.clear();
      }
    }
    m.member().<String, byte[]>getMap(HazelcastStatistics.MAP).putAll(chunk);
    long after = usedAfterGc();
    var stats = m.member().getMap(HazelcastStatistics.MAP).getLocalMapStats();
    System.out.printf("entities=%d heapDelta=%d MB bytesPerEntity=%d ownedEntryMemoryCost/entity=%d maxHeap=%d MB%n",
        entities, (after - before) >> 20, (after - before) / entities,
        stats.getOwnedEntryMemoryCost() / entities, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** A typical user: 20 transactions over 30 days, 2 countries, 1 device, 1 card, 5 merchants. */
  static EntityState history(Random r) {
    EntityState s = new EntityState();
    String[] names = {"transaction.amount"};
    for (int i = 0; i < 20; i++) {
      long t = T0 + (long) (r.nextDouble() * 30 * 86_400_000L);
      s.apply(7, i + 1, 0, t, names, new double[] {5 + r.nextDouble() * 200},
          new String[] {"country", "device_id", "card_id", "merchant_id"},
          new long[] {Hll.hash(r.nextInt(10) < 8 ? "DE" : "FR"), Hll.hash("d1"), Hll.hash("c1"),
              Hll.hash("m" + r.nextInt(5))});
    }
    return s;
  }

  private static void updates(int members, int folds) throws Exception {
    String cluster = "vigil-bench-" + UUID.randomUUID();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      ports.add(freePort());
    }
    List<String> list = members == 1 ? List.of() : ports.stream().map(p -> "127.0.0.1:" + p).toList();
    List<HazelcastStatistics> all = new ArrayList<>();
    for (int p : ports) {
      all.add(HazelcastStatistics.start(config(p, list).withCluster(cluster)));
    }
    HazelcastStatistics m = all.get(0);
    int threads = 4;
    for (String mode : List.of("single", "batch256")) {
      for (int round = 0; round < 2; round++) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int th = 0; th < threads; th++) {
          int id = th;
          int r = round;
          fs.add(pool.submit(() -> run(m, mode, id, folds / threads, r)));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("members=%d mode=%s round=%d folds=%d seconds=%.2f foldsPerSecond=%.0f%n",
            members, mode, round, folds, s, folds / s);
      }
    }
    all.forEach(x -> x.member().getLifecycleService().terminate());
  }

  private static void run(HazelcastStatistics m, String mode, int thread, int n, int round) {
    List<Fold> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Fold f = fold(round * 10_000_000L + (long) thread * n + i + 1, mode + "-" + thread + "-" + (i % 10_000), i);
      if (mode.equals("single")) {
        m.foldAndGetBefore(f);
      } else {
        batch.add(f);
        if (batch.size() == 256) {
          m.foldAll(batch);
          batch.clear();
        }
      }
    }
    m.foldAll(batch);
  }

  private static Fold fold(long seq, String user, int i) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("user_id", user);
    fields.put("amount", BigDecimal.valueOf(10 + i % 90));
    fields.put("currency", "EUR");
    fields.put("country", i % 7 == 0 ? "FR" : "DE");
    fields.put("merchant_id", "m" + (i % 5));
    return new Fold(9, seq, 0, new Event("e" + seq, "transaction", T0 + i * 1000L, fields, Map.of()),
        BuiltInTypes.TRANSACTION, "user_id");
  }

  private static StatisticsConfig config(int port, List<String> members) {
    return new StatisticsConfig("vigil-bench", "127.0.0.1", port, members, 1);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
