package dev.vigil.api.decisions;

import dev.vigil.api.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency of {@code POST /v1/decisions} (not part of the test suite). Starts a real node in a
 * temporary directory with samples/rules/dsl/payment_risk.vgl (3 score lines reading statistics
 * and the alert store; the statistics port is the no-history default), then sends decision
 * requests <b>open loop</b> at fixed rates: each request has an intended send time and its latency
 * is measured from that time, so a stalled server is not hidden (coordinated omission). Reports
 * first the throughput of 4 closed-loop clients (the ceiling), then p50/p99/p99.9/max per rate
 * (HdrHistogram) and the highest rate whose p99 stays within 10 ms with
 * no errors and at least 99% of the requests answered.
 *
 * <pre>
 * mvn -o -q -pl rules,engine,api -am test-compile -DskipTests
 * mvn -o -q -pl api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.vigil.api.decisions.DecisionLatency -Dexec.args="20 1000,2000,3000,4000"
 * </pre>
 *
 * Measured 2026-11-25 on the shared 2-core machine (load average 11-12 from other builds): closed
 * loop 1 090-1 380/s; at 1 000/s p50 3.3 ms, p99 170 ms, p99.9 221 ms (SerialGC). See
 * docs/design/decisions.md.
 *
 * <p>Arguments: seconds per rate (default 20), comma-separated rates per second (default 1000).
 * Everything runs after 10 s of closed-loop warm-up on the same node; the load generator shares
 * the JVM and the cores with the node, so numbers are a lower bound for a separate client. Events have unique ids and are
 * not dry runs, so each request stores a decision and ingests its event (the full path).
 */
public final class DecisionLatency {

  private DecisionLatency() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String[] rates = (args.length > 1 ? args[1] : "1000").split(",");
    Path tmp = Files.createTempDirectory("vigil-decision-latency");
    Path rules = TestNode.rulesDir(tmp.resolve("data"));
    Files.copy(Path.of(System.getProperty("user.dir")).resolve("../samples/rules/dsl/payment_risk.vgl").normalize(),
        rules.resolve("payment_risk.vgl"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).build();
    try (TestNode node = TestNode.start(tmp.resolve("data"), java.util.Map.of(
        "VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY, "VIGIL_ENGINE_SHARDS", "2"), System.out)) {
      URI uri = node.uri("/v1/decisions");
      closedLoop(http, uri, 4, 10, "warmup");
      Result closed = closedLoop(http, uri, 4, seconds, "closed");
      System.out.printf("closed loop, 4 clients: %.0f decisions/s p50=%.2fms p99=%.2fms p99.9=%.2fms%n",
          closed.ok / (double) seconds, ms(closed.h.getValueAtPercentile(50)), ms(closed.h.getValueAtPercentile(99)),
          ms(closed.h.getValueAtPercentile(99.9)));
      int best = 0;
      for (String r : rates) {
        int rate = Integer.parseInt(r.trim());
        Result res = run(http, uri, rate, seconds, "run");
        System.out.printf("rate=%d/s sent=%d ok=%d errors=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
            rate, res.sent, res.ok, res.errors, ms(res.h.getValueAtPercentile(50)), ms(res.h.getValueAtPercentile(99)),
            ms(res.h.getValueAtPercentile(99.9)), ms(res.h.getMaxValue()));
        if (res.errors == 0 && res.ok >= res.sent * 0.99 && res.h.getValueAtPercentile(99) <= 10_000_000L) {
          best = Math.max(best, rate);
        }
      }
      System.out.println("max sustainable rate with p99 <= 10 ms: " + best + "/s");
    }
    System.exit(0);
  }

  private record Result(long sent, long ok, long errors, Histogram h) {}

  private static Result run(HttpClient http, URI uri, int rate, int seconds, String prefix) throws Exception {
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    long total = (long) rate * seconds;
    long start = System.nanoTime() + 50_000_000L;
    long periodNanos = 1_000_000_000L / rate;
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      // Send every request whose intended time has come (catches up after a pause).
      while (seq.get() < total && start + seq.get() * periodNanos <= now) {
        long n = seq.getAndIncrement();
        long intended = start + n * periodNanos;
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + TestNode.ADMIN_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event(prefix + "-" + rate + "-" + n, n))).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
          recorder.recordValue(Math.max(1, System.nanoTime() - intended));
          if (err == null && resp.statusCode() == 200) {
            ok.incrementAndGet();
          } else {
            errors.incrementAndGet();
          }
        });
      }
    }, 0, 200, TimeUnit.MICROSECONDS);
    while (seq.get() < total) {
      Thread.sleep(100);
    }
    ticker.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (ok.get() + errors.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return new Result(total, ok.get(), errors.get(), recorder.getIntervalHistogram());
  }

  /** {@code clients} threads each sending one request at a time: the throughput ceiling. */
  private static Result closedLoop(HttpClient http, URI uri, int clients, int seconds, String prefix) throws Exception {
    Histogram h = new org.HdrHistogram.ConcurrentHistogram(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Thread[] threads = new Thread[clients];
    for (int c = 0; c < clients; c++) {
      threads[c] = new Thread(() -> {
        while (System.nanoTime() < end) {
          long n = seq.getAndIncrement();
          HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + TestNode.ADMIN_KEY).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(event(prefix + "-" + n, n))).build();
          long t0 = System.nanoTime();
          try {
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? ok : errors).incrementAndGet();
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          h.recordValue(Math.max(1, System.nanoTime() - t0));
        }
      });
      threads[c].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Result(seq.get(), ok.get(), errors.get(), h);
  }

  private static String event(String id, long n) {
    return """
        {"event_id":"%s","type":"transaction","timestamp":%d,"user_id":"u%d","card_id":"c%d",\
        "amount":%d.50,"currency":"EUR","country":"%s"}"""
        .formatted(id, 1_700_000_000_000L + n, n % 1000, n % 5000, 10 + n % 900, n % 7 == 0 ? "FR" : "DE");
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
