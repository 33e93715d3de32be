package dev.vigil.samples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends a {@link TransactionStream} to {@code POST /v1/events} as NDJSON batches over N
 * connections (one sending thread each, each with its own keep-alive {@link PlainHttpConnection}:
 * the JDK {@code HttpClient} cost about 1.2 ms of CPU per request on the machine it measured).
 *
 * <p>Open loop: batch {@code k} is due when its last event is due by the rate schedule; its ack
 * latency is measured from that due time, not from when a connection got round to sending it,
 * so a stalled server shows up as latency instead of silently slowing the load (no coordinated
 * omission). Batches are generated when a connection takes them, so a backlog costs no memory.
 * Closed loop: each connection sends its next batch as soon as the last one is acknowledged;
 * latency is then from the first send.
 *
 * <p>A 429 or 503 pauses every connection for its {@code Retry-After} (at most 10 s), then the same
 * batch is sent again (counted in {@code resent}): a node that pushes back gets no newer events in
 * the meantime, so the resent batch is not overtaken by them and does not arrive late (the
 * watermark would have moved past it). A connection error is retried after 1 s by its own
 * connection. Every event is sent until accepted, or until the run's hard deadline (duration plus
 * two minutes).
 */
public final class Sender {
  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");
  private static final Pattern LATE = Pattern.compile("\"late\"\\s*:\\s*(\\d+)");
  private static final long MAX_RETRY_WAIT_MS = 10_000;

  private final SendSpec spec;
  private final TransactionStream stream;
  private final ObjLongConsumer<StreamEvent> labeledSent;
  private final PrintStream out;
  private final URI target;
  private final Recorder ack = new Recorder(3);
  private final Recorder service = new Recorder(3);
  private final LongAdder sent = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder late = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder unavailable = new LongAdder();
  private final LongAdder resent = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private long startNanos;
  private long startMillis;
  private long taken;
  private long hardDeadline;
  /** Until when (System.nanoTime) no connection sends: set by a 429/503 for all of them. */
  private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

  /** One batch: its body, event count, and due time (System.nanoTime scale). */
  private record Batch(String body, int events, long dueNanos) {}

  /**
   * @param labeledSent told, just before its batch is sent, of every event that belongs to a fraud
   *     scenario, with its due time (open loop) or send time (closed loop) in System.nanoTime
   */
  public Sender(SendSpec spec, TransactionStream stream, long startMillis, ObjLongConsumer<StreamEvent> labeledSent,
      PrintStream out) {
    this.spec = spec;
    this.stream = stream;
    this.startMillis = startMillis;
    this.labeledSent = labeledSent;
    this.out = out;
    this.target = spec.base().resolve("/v1/events");
  }

  /** A stream clock for the open loop: slot n is due at {@code startMillis + profile offset}. */
  public static java.util.function.LongUnaryOperator openLoopClock(long startMillis, RateProfile profile) {
    return n -> startMillis + profile.offsetMillis(n);
  }

  /** The wall clock, for the closed loop. */
  public static java.util.function.LongUnaryOperator wallClock() {
    return n -> System.currentTimeMillis();
  }

  public SendReport run() throws InterruptedException {
    startNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - startMillis);
    Duration length = spec.openLoop() ? Duration.ofMillis((long) (spec.profile().totalSeconds() * 1000))
        : spec.duration();
    hardDeadline = startNanos + length.toNanos() + TimeUnit.MINUTES.toNanos(2);
    Histogram ackTotal = new Histogram(3);
    Histogram serviceTotal = new Histogram(3);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < spec.connections(); i++) {
      Thread t = new Thread(this::work, "sender-" + i);
      t.start();
      workers.add(t);
    }
    long every = spec.reportEvery().toNanos();
    long nextReport = System.nanoTime() + every;
    long[] previous = new long[3];
    for (Thread t : workers) {
      while (t.isAlive()) {
        t.join(every > 0 ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextReport - System.nanoTime())) : 0);
        if (every > 0 && System.nanoTime() >= nextReport) {
          report(ackTotal, serviceTotal, previous, every);
          nextReport += every;
        }
      }
    }
    ackTotal.add(ack.getIntervalHistogram());
    serviceTotal.add(service.getIntervalHistogram());
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new SendReport(sent.sum(), accepted.sum(), duplicates.sum(), late.sum(), rejected.sum(), batches.sum(),
        throttled.sum(), unavailable.sum(), resent.sum(), failures.sum(), seconds, ackTotal, serviceTotal);
  }

  private void report(Histogram ackTotal, Histogram serviceTotal, long[] previous, long everyNanos) {
    Histogram a = ack.getIntervalHistogram();
    Histogram s = service.getIntervalHistogram();
    ackTotal.add(a);
    serviceTotal.add(s);
    long[] now = {sent.sum(), accepted.sum(), throttled.sum() + unavailable.sum()};
    double secs = everyNanos / 1e9;
    out.printf("t=%5.0fs sent/s=%7.0f accepted/s=%7.0f 429+503=%5d ack_ms p50=%7.1f p99=%7.1f max=%7.1f"
            + " service_ms p50=%6.1f p99=%6.1f%n",
        (System.nanoTime() - startNanos) / 1e9, (now[0] - previous[0]) / secs, (now[1] - previous[1]) / secs,
        now[2] - previous[2], SendReport.ms(a, 50), SendReport.ms(a, 99), a.getMaxValue() / 1000.0,
        SendReport.ms(s, 50), SendReport.ms(s, 99));
    System.arraycopy(now, 0, previous, 0, 3);
  }

  private void work() {
    try (PlainHttpConnection connection = new PlainHttpConnection(target, "Authorization: Bearer " + spec.key(),
        "Content-Type: application/x-ndjson")) {
      Batch b;
      while ((b = take()) != null) {
        long wait = b.dueNanos() - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        post(connection, b);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next batch, or null when the run is over. */
  private Batch take() {
    synchronized (stream) {
      long now = System.nanoTime();
      if (now >= hardDeadline) {
        return null;
      }
      if (!spec.openLoop() && (now - startNanos >= spec.duration().toNanos()
          || spec.maxEvents() > 0 && taken >= spec.maxEvents())) {
        return null;
      }
      long endMillis = spec.openLoop() ? startMillis + (long) (spec.profile().totalSeconds() * 1000) : Long.MAX_VALUE;
      int n = spec.maxEvents() > 0 ? (int) Math.min(spec.batch(), spec.maxEvents() - taken) : spec.batch();
      StringBuilder body = new StringBuilder(n * 240);
      long lastDue = 0;
      int count = 0;
      List<StreamEvent> labeled = new ArrayList<>();
      while (count < n) {
        StreamEvent e = stream.next();
        body.append(e.json()).append('\n');
        count++;
        lastDue = Math.max(lastDue, e.deliverAtMillis());
        if (e.label() != null) {
          labeled.add(e);
        }
        if (lastDue >= endMillis) {
          break;
        }
      }
      if (spec.openLoop() && lastDue >= endMillis && count == 1) {
        return null;
      }
      taken += count;
      long due = spec.openLoop() ? startNanos + TimeUnit.MILLISECONDS.toNanos(lastDue - startMillis) : now;
      for (StreamEvent e : labeled) {
        labeledSent.accept(e, Math.max(due, now));
      }
      sent.add(count);
      return new Batch(body.toString(), count, due);
    }
  }

  private void post(PlainHttpConnection connection, Batch b) throws InterruptedException {
    byte[] body = b.body().getBytes(StandardCharsets.UTF_8);
    boolean first = true;
    while (System.nanoTime() < hardDeadline) {
      if (!first) {
        resent.add(b.events());
      }
      first = false;
      awaitPause();
      long t0 = System.nanoTime();
      PlainHttpConnection.Response res;
      try {
        res = connection.exchange(body);
      } catch (IOException e) {
        out.println("connection error, retrying in 1 s: " + e);
        Thread.sleep(1_000);
        continue;
      }
      long done = System.nanoTime();
      service.recordValue(Math.max(0, (done - t0) / 1000));
      int status = res.status();
      if (status == 202) {
        ack.recordValue(Math.max(0, (done - b.dueNanos()) / 1000));
        count(res.body(), b.events());
        return;
      }
      if (status == 429 || status == 503) {
        (status == 429 ? throttled : unavailable).increment();
        long waitMs = (res.retryAfterSeconds() >= 0 ? res.retryAfterSeconds() : 1) * 1000;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_RETRY_WAIT_MS, Math.max(0, waitMs)));
        pausedUntil.accumulateAndGet(until, (x, y) -> x - y > 0 ? x : y); // the later one
        continue;
      }
      failures.increment();
      out.println("batch failed: HTTP " + status + " " + res.body());
      return;
    }
    failures.increment();
  }

  /** Waits out the pause a 429/503 on any connection started. */
  private void awaitPause() throws InterruptedException {
    for (long wait = pausedUntil.get() - System.nanoTime(); wait > 0; wait = pausedUntil.get() - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void count(String body, int events) {
    long a = number(body, ACCEPTED);
    long d = number(body, DUPLICATES);
    accepted.add(a);
    duplicates.add(d);
    late.add(number(body, LATE));
    rejected.add(events - a - d);
    batches.increment();
  }

  private static long number(String body, Pattern p) {
    Matcher m = p.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
