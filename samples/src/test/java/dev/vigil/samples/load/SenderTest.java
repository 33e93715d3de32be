package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against the JDK's HTTP server answering the first batch with a 429. */
class SenderTest {
  private static final int CONNECTIONS = 3;

  private HttpServer server;
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicLong refusedAt = new AtomicLong();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/events", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    long events = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).lines().count();
    boolean refuse = refusedAt.get() == 0 && arrivals.isEmpty();
    arrivals.add(System.nanoTime());
    byte[] out;
    if (refuse) {
      ex.getResponseHeaders().add("Retry-After", "1");
      out = "{\"title\":\"Too many events\"}".getBytes(StandardCharsets.UTF_8);
      refusedAt.set(System.nanoTime());
      ex.sendResponseHeaders(429, out.length);
    } else {
      out = ("{\"accepted\":" + events + ",\"duplicates\":0,\"late\":0}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(202, out.length);
    }
    try (OutputStream o = ex.getResponseBody()) {
      o.write(out);
    }
  }

  @Test
  void run_429_pausesEveryConnectionForItsRetryAfter_thenResendsTheBatch() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    SendSpec spec = new SendSpec(base, "key", CONNECTIONS, 5, null, 0, Duration.ofMillis(1_500), Duration.ZERO);
    TransactionStream stream = new TransactionStream(StreamSpec.defaults(), Sender.wallClock());

    SendReport report = new Sender(spec, stream, System.currentTimeMillis(), (e, t) -> { },
        new PrintStream(OutputStream.nullOutputStream())).run();

    assertThat(report.throttled()).isEqualTo(1);
    assertThat(report.resent()).isEqualTo(5);
    assertThat(report.accepted()).isEqualTo(report.sent());
    // The other connections may still send for the moment it takes the refused one to read its
    // 429 and start the pause; after that nothing may arrive until the second is over (without the
    // shared pause they keep sending throughout).
    long refused = refusedAt.get();
    long duringPause = arrivals.stream()
        .filter(t -> t - refused > TimeUnit.MILLISECONDS.toNanos(300) && t - refused < TimeUnit.MILLISECONDS.toNanos(900))
        .count();
    assertThat(duringPause).isZero();
    assertThat(arrivals.stream().filter(t -> t - refused >= TimeUnit.MILLISECONDS.toNanos(1_000)).count())
        .isGreaterThan(CONNECTIONS); // and they went on after it
  }
}
