package dev.vigil.samples;

import dev.vigil.samples.load.PlainHttpConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop latency of {@code POST /v1/decisions} against a running node, from a separate
 * process. Request {@code i} is due at {@code start + i / rate}; its latency is measured from that
 * <b>scheduled</b> time, not from when it was actually sent, so a stalled server or client shows
 * up in the numbers instead of silently lowering the rate (coordinated omission). Each event has
 * a unique id (every request stores a decision and ingests its event: the full path) and a user
 * among {@code --users}, so statistics lookups hit existing entities once warm.
 *
 * <pre>
 * java -cp samples/target/vigil-samples.jar dev.vigil.samples.DecisionLoad \
 *     --url http://127.0.0.1:8080 --key $VIGIL_KEY --rate 1000 --seconds 30 --warmup-seconds 10 \
 *     [--users 1000] [--connections 32] [--dry-run false] [--report-every 0]
 * </pre>
 *
 * Prints one line per phase: requests, errors by status, achieved rate, and p50/p90/p99/p99.9/max
 * in milliseconds; with {@code --report-every S}, also a line per S seconds of each phase
 * (latencies of the requests answered in that interval), to see whether a long run stays flat
 * and how long a cold node takes to catch up. The node must deploy a decision for {@code
 * transaction} (the bundled {@code payment_risk} sample does). A rate is sustainable when the
 * achieved rate matches it and latencies stay flat; raise {@code --rate} until they do not.
 */
public final class DecisionLoad {

  private DecisionLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Args.parse(args);
    URI target = URI.create(o.getOrDefault("url", "http://127.0.0.1:8080")).resolve(
        "/v1/decisions" + ("true".equals(o.get("dry-run")) ? "?dry_run=true" : ""));
    String key = o.getOrDefault("key", System.getenv("VIGIL_KEY"));
    double rate = Double.parseDouble(o.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup-seconds", "10"));
    int users = Integer.parseInt(o.getOrDefault("users", "1000"));
    int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
    int reportEvery = Integer.parseInt(o.getOrDefault("report-every", "0"));
    if (key == null) {
      System.err.println("error: --key or VIGIL_KEY is required (an API key with decisions:write)");
      System.exit(2);
    }
    Load load = new Load(target, key, users, "load" + System.currentTimeMillis() + "-", connections);
    if (warmup > 0) {
      System.out.println(load.phase("warmup", rate, warmup, reportEvery));
    }
    System.out.println(load.phase("measure", rate, seconds, reportEvery));
    load.close();
  }

  /**
   * One run of open-loop phases sharing connections and an event-id sequence. Each connection
   * has a thread that takes the next request number, waits until that request is due, sends it
   * and reads the answer; with every connection busy, requests leave late and the lateness counts.
   */
  private static final class Load implements AutoCloseable {
    private final PlainHttpConnection[] connections;
    private final int users;
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    Load(URI target, String key, int users, String prefix, int connections) {
      this.users = users;
      this.prefix = prefix;
      this.connections = new PlainHttpConnection[connections];
      for (int i = 0; i < connections; i++) {
        this.connections[i] = new PlainHttpConnection(target, "Authorization: Bearer " + key,
            "Content-Type: application/json");
      }
    }

    String phase(String name, double rate, int seconds, int reportEvery) throws InterruptedException {
      Recorder recorder = new Recorder(3);
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      AtomicLong done = new AtomicLong();
      long period = (long) (1e9 / rate);
      long total = (long) (rate * seconds);
      long first = next.get();
      long start = System.nanoTime() + 10_000_000L;
      AtomicLong lastSent = new AtomicLong(start);
      List<Thread> threads = new ArrayList<>();
      for (PlainHttpConnection c : connections) {
        Thread thread = new Thread(() -> {
          for (long n = next.getAndIncrement(); n < first + total; n = next.getAndIncrement()) {
            long due = start + (n - first) * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            lastSent.accumulateAndGet(System.nanoTime(), Math::max);
            int status;
            try {
              status = c.post(event(n));
            } catch (IOException e) {
              status = -1;
            }
            recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            done.incrementAndGet();
          }
        }, "decision-load");
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
      Histogram h = new Histogram(3);
      long every = reportEvery * 1_000_000_000L;
      int reported = 0;
      for (Thread t : threads) {
        while (t.isAlive()) {
          long nextReport = start + every * (reported + 1);
          t.join(every > 0 ? Math.max(1, (nextReport - System.nanoTime()) / 1_000_000) : 0);
          if (every > 0 && System.nanoTime() >= nextReport) {
            Histogram interval = recorder.getIntervalHistogram();
            h.add(interval);
            reported++;
            System.out.printf("  t=%4ds answered=%d latency_ms p50=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                reported * reportEvery, interval.getTotalCount(), ms(interval, 50), ms(interval, 99),
                ms(interval, 99.9), interval.getMaxValue() / 1000.0);
          }
        }
      }
      next.set(first + total);
      h.add(recorder.getIntervalHistogram());
      double achieved = total / ((lastSent.get() - start) / 1e9);
      return String.format("%s rate=%.0f/s requests=%d answered=%d statuses=%s achieved_send_rate=%.0f/s "
              + "latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f",
          name, rate, total, done.get(), statuses, achieved, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
          h.getMaxValue() / 1000.0);
    }

    @Override
    public void close() {
      for (PlainHttpConnection c : connections) {
        c.close();
      }
    }

    private static double ms(Histogram h, double p) {
      return h.getValueAtPercentile(p) / 1000.0;
    }

    /** Event {@code n}: the same for the same {@code n} (its own seeded random). */
    private byte[] event(long n) {
      SplittableRandom random = new SplittableRandom(42 + n);
      int user = random.nextInt(users);
      long cents = 500 + random.nextInt(20_000) + (random.nextInt(100) == 0 ? 500_000 : 0);
      String country = random.nextInt(20) == 0 ? "BR" : "DE";
      return ("{\"event_id\":\"" + prefix + n + "\",\"type\":\"transaction\",\"timestamp\":" + System.currentTimeMillis()
          + ",\"user_id\":\"u" + user + "\",\"card_id\":\"c" + user + "\",\"amount\":" + cents / 100 + "."
          + String.format("%02d", cents % 100) + ",\"currency\":\"EUR\",\"country\":\"" + country + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
