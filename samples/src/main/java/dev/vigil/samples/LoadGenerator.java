package dev.vigil.samples;

import dev.vigil.samples.load.AlertSubscription;
import dev.vigil.samples.load.GroundTruth;
import dev.vigil.samples.load.Label;
import dev.vigil.samples.load.NodeMetrics;
import dev.vigil.samples.load.RateProfile;
import dev.vigil.samples.load.SendReport;
import dev.vigil.samples.load.SendSpec;
import dev.vigil.samples.load.Sender;
import dev.vigil.samples.load.StreamSpec;
import dev.vigil.samples.load.TransactionStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line: generates a realistic payment stream with injected fraud
 * scenarios ({@link TransactionStream}) and either writes it to NDJSON files or sends it to a node
 * ({@link Sender}), optionally collecting the alerts through a webhook ({@link AlertSubscription})
 * and comparing them with the ground truth ({@link GroundTruth}). {@code --help} lists the options;
 * docs/performance.md ("Load generator") explains the figures.
 */
public final class LoadGenerator {
  static final String USAGE = """
      Usage: java -jar vigil-samples.jar [options]

      Generates a payment stream (users with two cards, devices, merchants and countries with Zipf
      popularity, log-normal amounts, logins, account updates, bounded out-of-order delivery) with
      injected fraud scenarios (card testing, account takeover, impossible travel, velocity bursts,
      amount spikes), and sends it to a Vigil node or writes it to NDJSON.

      Stream (the same seed and options give the same stream):
        --seed N              random seed (42)
        --users N             users (100000); each pays at most once per --min-gap-ms where possible
        --merchants N         merchants (500)
        --user-skew X         Zipf exponent of user activity (0.6); --merchant-skew X (1.0)
        --min-gap-ms N        event time a user leaves between payments (20000)
        --max-disorder-ms N   out-of-order bound (1000); keep it below the node's allowed lateness (5 s)
        --fraud-rate X        fraud scenarios per background event (0.0005)
        --scenario-time-scale X  factor on the pauses inside scenarios (1: each spans at most 95 s)
        --prefix S            event id prefix (files: lg; sending: lg<epoch ms>, so each run is new)

      Write instead of sending:
        --out FILE            write the events as NDJSON to FILE
        --labels FILE         write the ground truth (one scenario per line) to FILE (FILE.labels.ndjson)
        --events N            events to write (100000), then the rest of the scenarios under way
        --event-rate R        background events per second of event time (1000)
        --start TIME          event time of the first event, RFC 3339 or epoch ms (2026-11-25T00:00:00Z)

      Send to a node (POST /v1/events, NDJSON):
        --url URL             node (http://localhost:8080)
        --key KEY             API key with events:write (and subscriptions:write for --webhook-port);
                              default: environment variable VIGIL_KEY
        --connections N       connections, one sender thread each (4)
        --batch N             events per request (200)
        --rate R[:S][,R:S..]  open loop: R events/s for S seconds, phase after phase (S defaults to
                              --duration); latency is measured from each batch's scheduled time.
                              Without --rate: closed loop, each connection sends as fast as acked.
        --duration S          closed-loop run length, and default phase length (60)
        --events N            closed loop: stop after N events (no limit)
        --report-every S      print an interval line every S seconds (5; 0 = never)
        --webhook-port P      start a webhook receiver on P (0 = any free port), subscribe it to all
                              alerts, and report event-to-alert latency and alerts per rule against
                              the ground truth. The node must allow it: VIGIL_WEBHOOK_ALLOWLIST=127.0.0.1
        --webhook-host H      address the node reaches the receiver at (127.0.0.1)
        --alert-wait S        after sending, wait at most S seconds for the engine to catch up
                              (queue depth 0 on /metrics) and the last alerts (300)

      Event times follow the send schedule (open loop) or the wall clock (closed loop), so rules see
      the load in real time. Exit code: 0, or 1 if an event was not accepted.
      """;

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(USAGE);
      return;
    }
    Map<String, String> opts;
    try {
      opts = Args.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }
    int exit = opts.containsKey("out") ? write(opts, System.out) : send(opts, System.out);
    System.exit(exit);
  }

  static StreamSpec streamSpec(Map<String, String> o, String defaultPrefix) {
    StreamSpec d = StreamSpec.defaults();
    return new StreamSpec(
        Long.parseLong(o.getOrDefault("seed", String.valueOf(d.seed()))),
        o.getOrDefault("prefix", defaultPrefix),
        Integer.parseInt(o.getOrDefault("users", String.valueOf(d.users()))),
        Integer.parseInt(o.getOrDefault("merchants", String.valueOf(d.merchants()))),
        Double.parseDouble(o.getOrDefault("user-skew", String.valueOf(d.userSkew()))),
        Double.parseDouble(o.getOrDefault("merchant-skew", String.valueOf(d.merchantSkew()))),
        Long.parseLong(o.getOrDefault("min-gap-ms", String.valueOf(d.minGapMillis()))),
        Long.parseLong(o.getOrDefault("max-disorder-ms", String.valueOf(d.maxDisorderMillis()))),
        Double.parseDouble(o.getOrDefault("fraud-rate", String.valueOf(d.fraudRate()))),
        Double.parseDouble(o.getOrDefault("scenario-time-scale", "1")));
  }

  static int write(Map<String, String> o, PrintStream out) throws IOException {
    StreamSpec spec = streamSpec(o, "lg");
    String startText = o.getOrDefault("start", "2026-11-25T00:00:00Z");
    long start = startText.matches("\\d+") ? Long.parseLong(startText) : Instant.parse(startText).toEpochMilli();
    double rate = Double.parseDouble(o.getOrDefault("event-rate", "1000"));
    long events = Long.parseLong(o.getOrDefault("events", "100000"));
    Path file = Path.of(o.get("out"));
    Path labels = Path.of(o.getOrDefault("labels", file + ".labels.ndjson"));
    TransactionStream stream = new TransactionStream(spec, TransactionStream.fixedRate(start, rate));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < events; i++) {
        w.write(stream.next().json());
        w.write('\n');
      }
      for (var e : stream.drain()) {
        w.write(e.json());
        w.write('\n');
      }
    }
    List<Label> done = stream.completedLabels();
    try (BufferedWriter w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
      for (Label l : done) {
        w.write(l.toJson());
        w.write('\n');
      }
    }
    out.printf("wrote %d events to %s and %d scenarios to %s (gap violations: %d)%n", stream.emitted(), file,
        done.size(),
        labels, stream.gapViolations());
    return 0;
  }

  static int send(Map<String, String> o, PrintStream out) throws Exception {
    String key = o.getOrDefault("key", System.getenv("VIGIL_KEY"));
    if (key == null || key.isBlank()) {
      System.err.println("error: --key or VIGIL_KEY is required (an API key with events:write); see --help");
      return 2;
    }
    StreamSpec spec = streamSpec(o, "lg" + System.currentTimeMillis());
    URI base = URI.create(o.getOrDefault("url", "http://localhost:8080"));
    double seconds = Double.parseDouble(o.getOrDefault("duration", "60"));
    RateProfile profile = o.containsKey("rate") ? RateProfile.parse(o.get("rate"), seconds) : null;
    SendSpec send = new SendSpec(base, key, Integer.parseInt(o.getOrDefault("connections", "4")),
        Integer.parseInt(o.getOrDefault("batch", "200")), profile, Long.parseLong(o.getOrDefault("events", "0")),
        Duration.ofMillis((long) (seconds * 1000)),
        Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("report-every", "5")) * 1000)));
    GroundTruth truth = new GroundTruth();
    AlertSubscription alerts = o.containsKey("webhook-port")
        ? AlertSubscription.open(base, key, o.getOrDefault("webhook-host", "127.0.0.1"),
            Integer.parseInt(o.get("webhook-port")), truth)
        : null;
    long startMillis = System.currentTimeMillis();
    TransactionStream stream = new TransactionStream(spec,
        profile != null ? Sender.openLoopClock(startMillis, profile) : Sender.wallClock());
    // Scenarios started later than this would not finish within the run: start none.
    long runMillis = profile != null ? (long) (profile.totalSeconds() * 1000) : send.duration().toMillis();
    stream.stopInjectingAt(startMillis + runMillis - spec.maxScenarioSpanMillis() - spec.maxDisorderMillis());
    out.printf("sending to %s: %s, %d connections, batches of %d, %d users, max disorder %d ms%n", base,
        profile == null ? "closed loop for " + seconds + " s" : "open loop " + profile, send.connections(),
        send.batch(), spec.users(), spec.maxDisorderMillis());
    SendReport report = new Sender(send, stream, startMillis, truth::sent, out).run();
    out.println(report.summary());
    NodeMetrics metrics = new NodeMetrics(base);
    metrics.queueDepth().ifPresent(d -> out.printf("engine queue depth after sending: %.0f events%n", d));
    if (stream.gapViolations() > 0) {
      out.printf("note: %d payments broke the per-user gap: --users is small for this rate, expect velocity"
          + " alerts on background traffic%n", stream.gapViolations());
    }
    if (runMillis < spec.maxScenarioSpanMillis() + spec.maxDisorderMillis()) {
      out.println("note: the run is shorter than one fraud scenario: none was injected (see --scenario-time-scale)");
    }
    if (alerts != null) {
      try (alerts) {
        long waitStart = System.nanoTime();
        awaitAlerts(truth, metrics, Duration.ofSeconds(Long.parseLong(o.getOrDefault("alert-wait", "300"))));
        out.printf("waited %.1f s for the engine to catch up and the last alerts%n",
            (System.nanoTime() - waitStart) / 1e9);
        truth.print(stream.completedLabels(), out);
      }
    }
    return report.accepted() + report.duplicates() == report.sent() && report.failures() == 0 ? 0 : 1;
  }

  /**
   * Waits until the engine has evaluated everything admitted (queue depth 0 on /metrics, when
   * readable) and then no alert arrived for 3 s, but at least 7 s (the allowed lateness plus
   * delivery), and at most {@code max}.
   */
  static void awaitAlerts(GroundTruth truth, NodeMetrics metrics, Duration max) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    long last = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long n = truth.alerts();
      boolean drained = metrics.queueDepth().orElse(0) == 0;
      if (n != last || !drained) {
        last = n;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > 3e9 && System.nanoTime() - start > 7e9) {
        return;
      }
    }
  }
}
