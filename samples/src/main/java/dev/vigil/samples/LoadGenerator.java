package dev.vigil.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Sends generated transaction events to a running node and reports throughput and latency.
 *
 * <p>Run against a node started with the README's first command:
 *
 * <pre>
 * java -cp samples/target/vigil-samples.jar dev.vigil.samples.LoadGenerator \
 *     --url http://localhost:8080 --key $VIGIL_KEY --events 200000 --batch 500 --concurrency 4 [--step-ms 1]
 * </pre>
 *
 * A batch answered 429/503 is retried after its Retry-After, so every event is sent until
 * accepted; the request count and bounded run time keep the loop finite.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    String url = opts.getOrDefault("url", "http://localhost:8080");
    String key = opts.getOrDefault("key", System.getenv("VIGIL_KEY"));
    long events = Long.parseLong(opts.getOrDefault("events", "100000"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "500"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "4"));
    int users = Integer.parseInt(opts.getOrDefault("users", "10000"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    String prefix = opts.getOrDefault("prefix", "gen" + System.currentTimeMillis());
    long maxSeconds = Long.parseLong(opts.getOrDefault("max-seconds", "600"));
    long stepMillis = Long.parseLong(opts.getOrDefault("step-ms", "1"));
    if (key == null) {
      System.err.println("error: --key or VIGIL_KEY is required (an API key with events:write)");
      System.exit(2);
    }
    Result r = run(URI.create(url), key, events, batch, concurrency, users, seed, prefix,
        Duration.ofSeconds(maxSeconds), stepMillis);
    System.out.println(r.summary());
  }

  /** Outcome of one load run. */
  public record Result(long events, long accepted, long duplicates, long batches, long retries, long failures,
      double seconds, Histogram latencyMicros) {
    public double eventsPerSecond() {
      return events / seconds;
    }

    public String summary() {
      return String.format(
          "sent=%d accepted=%d duplicates=%d batches=%d retries=%d failures=%d seconds=%.2f "
              + "events_per_second=%.0f batch_latency_ms p50=%.1f p99=%.1f max=%.1f",
          events, accepted, duplicates, batches, retries, failures, seconds, eventsPerSecond(),
          latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0);
    }
  }

  public static Result run(URI base, String key, long events, int batch, int concurrency, int users,
      long seed, String prefix, Duration maxTime) throws Exception {
    return run(base, key, events, batch, concurrency, users, seed, prefix, maxTime, 1);
  }

  /**
   * As above, with event times {@code stepMillis} apart. Concurrent batches arrive in any order,
   * so {@code concurrency * batch * stepMillis} should stay within the node's allowed lateness
   * (default 5 s), or the overtaken events are reported late.
   */
  public static Result run(URI base, String key, long events, int batch, int concurrency, int users,
      long seed, String prefix, Duration maxTime, long stepMillis) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI target = base.resolve("/v1/events");
    EventGenerator gen = new EventGenerator(seed, prefix, users, 1_764_000_000_000L, stepMillis);
    Histogram hist = new Histogram(60_000_000L, 3);
    AtomicLong sent = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    long deadline = System.nanoTime() + maxTime.toNanos();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        futures.add(pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            String body;
            int n;
            synchronized (gen) {
              long remaining = events - sent.get();
              if (remaining <= 0) {
                return null;
              }
              n = (int) Math.min(batch, remaining);
              sent.addAndGet(n);
              body = gen.nextBatch(n);
            }
            String answer = postUntilAccepted(client, target, key, body, hist, retries, failures, deadline);
            accepted.addAndGet(count(answer, ACCEPTED));
            duplicates.addAndGet(count(answer, DUPLICATES));
            batches.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(sent.get(), accepted.get(), duplicates.get(), batches.get(), retries.get(),
        failures.get(), seconds, hist);
  }

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
  private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\":(\\d+)");

  private static long count(String body, Pattern p) {
    if (body == null) {
      return 0;
    }
    Matcher m = p.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Posts one batch, retrying 429/503 after Retry-After; the 202 body, or null on failure. */
  private static String postUntilAccepted(HttpClient client, URI target, String key, String body,
      Histogram hist, AtomicLong retries, AtomicLong failures, long deadline) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
      hist.recordValue(Math.min(hist.getHighestTrackableValue(), (System.nanoTime() - t0) / 1000));
      int status = res.statusCode();
      if (status == 202) {
        return res.body();
      }
      if (status == 429 || status == 503) {
        retries.incrementAndGet();
        long wait = res.headers().firstValueAsLong("Retry-After").orElse(1);
        Thread.sleep(Math.min(5_000, wait * 1000));
        continue;
      }
      failures.incrementAndGet();
      System.err.println("batch failed: HTTP " + status + " " + res.body());
      return null;
    }
    return null;
  }
}
