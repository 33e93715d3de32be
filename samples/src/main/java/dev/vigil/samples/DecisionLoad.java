package dev.vigil.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 *     [--users 1000] [--connections 32] [--dry-run false]
 * </pre>
 *
 * Prints one line per phase: requests, errors by status, achieved rate, and p50/p90/p99/p99.9/max
 * in milliseconds. The node must deploy a decision for {@code transaction} (the bundled
 * {@code payment_risk} sample does). A rate is sustainable when the achieved rate matches it and
 * latencies stay flat; raise {@code --rate} until they do not.
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
    if (key == null) {
      System.err.println("error: --key or VIGIL_KEY is required (an API key with decisions:write)");
      System.exit(2);
    }
    ExecutorService io = Executors.newFixedThreadPool(2);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String prefix = "load" + System.currentTimeMillis() + "-";
    Load load = new Load(client, target, key, users, prefix, connections);
    if (warmup > 0) {
      System.out.println(load.phase("warmup", rate, warmup));
    }
    System.out.println(load.phase("measure", rate, seconds));
    io.shutdownNow();
  }

  /** One run of open-loop phases sharing a client and an event-id sequence. */
  private static final class Load {
    private final HttpClient client;
    private final URI target;
    private final String key;
    private final int users;
    private final String prefix;
    private final java.util.concurrent.Semaphore slots;
    private final Random random = new Random(42);
    private long next;

    Load(HttpClient client, URI target, String key, int users, String prefix, int connections) {
      this.client = client;
      this.target = target;
      this.key = key;
      this.users = users;
      this.prefix = prefix;
      this.slots = new java.util.concurrent.Semaphore(connections);
    }

    String phase(String name, double rate, int seconds) throws InterruptedException {
      Recorder recorder = new Recorder(3);
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      AtomicLong done = new AtomicLong();
      long period = (long) (1e9 / rate);
      long total = (long) (rate * seconds);
      long start = System.nanoTime() + 10_000_000L;
      for (long i = 0; i < total; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        // At most `connections` requests in flight: beyond that the client queues, and the wait
        // counts in the latency (measured from `due`).
        slots.acquire();
        HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event(next++))).build();
        client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((res, err) -> {
          slots.release();
          recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
          statuses.computeIfAbsent(err != null ? -1 : res.statusCode(), s -> new AtomicLong()).incrementAndGet();
          done.incrementAndGet();
        });
      }
      long sentEnd = System.nanoTime();
      long deadline = sentEnd + TimeUnit.SECONDS.toNanos(60);
      while (done.get() < total && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000L);
      }
      Histogram h = recorder.getIntervalHistogram();
      double achieved = total / ((sentEnd - start) / 1e9);
      return String.format("%s rate=%.0f/s requests=%d answered=%d statuses=%s achieved_send_rate=%.0f/s "
              + "latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f",
          name, rate, total, done.get(), statuses, achieved, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
          h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double p) {
      return h.getValueAtPercentile(p) / 1000.0;
    }

    private String event(long n) {
      int user = random.nextInt(users);
      long cents = 500 + random.nextInt(20_000) + (random.nextInt(100) == 0 ? 500_000 : 0);
      String country = random.nextInt(20) == 0 ? "BR" : "DE";
      return "{\"event_id\":\"" + prefix + n + "\",\"type\":\"transaction\",\"timestamp\":" + System.currentTimeMillis()
          + ",\"user_id\":\"u" + user + "\",\"card_id\":\"c" + user + "\",\"amount\":" + cents / 100 + "." + String.format("%02d", cents % 100)
          + ",\"currency\":\"EUR\",\"country\":\"" + country + "\"}";
    }
  }
}
