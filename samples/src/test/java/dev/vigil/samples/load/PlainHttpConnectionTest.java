package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the JDK's HTTP server on a random port: real sockets, both body framings. */
class PlainHttpConnectionTest {

  private static HttpServer server;
  private static final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  private static final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fixed", ex -> answer(ex, 202, false, null));
    server.createContext("/chunked", ex -> answer(ex, 200, true, null));
    server.createContext("/busy", ex -> answer(ex, 429, false, "7"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange ex, int status, boolean chunked, String retryAfter) throws IOException {
    clientPorts.add(ex.getRemoteAddress().getPort());
    String got = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(got);
    byte[] out = ("{\"echo\":\"" + got + "\"}").getBytes(StandardCharsets.UTF_8);
    if (retryAfter != null) {
      ex.getResponseHeaders().add("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, chunked ? 0 : out.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(out);
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void exchange_contentLengthBody_returnsStatusAndBody_onOneKeptConnection() throws IOException {
    clientPorts.clear();
    try (PlainHttpConnection c = new PlainHttpConnection(uri("/fixed"), "Content-Type: application/x-ndjson")) {
      PlainHttpConnection.Response first = c.exchange("a".getBytes(StandardCharsets.UTF_8));
      PlainHttpConnection.Response second = c.exchange("b".getBytes(StandardCharsets.UTF_8));

      assertThat(first).isEqualTo(new PlainHttpConnection.Response(202, "{\"echo\":\"a\"}", -1));
      assertThat(second.body()).isEqualTo("{\"echo\":\"b\"}");
      assertThat(clientPorts).hasSize(2).containsOnly(clientPorts.get(0));
    }
  }

  @Test
  void exchange_chunkedBody_readsEveryChunk_andTheNextRequestStillWorks() throws IOException {
    try (PlainHttpConnection c = new PlainHttpConnection(uri("/chunked"))) {
      assertThat(c.exchange("xyz".getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("{\"echo\":\"xyz\"}");
      assertThat(c.post("second".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
      assertThat(bodies).contains("second");
    }
  }

  @Test
  void exchange_retryAfter_isReadInSeconds() throws IOException {
    try (PlainHttpConnection c = new PlainHttpConnection(uri("/busy"))) {
      PlainHttpConnection.Response r = c.exchange(new byte[0]);

      assertThat(r.status()).isEqualTo(429);
      assertThat(r.retryAfterSeconds()).isEqualTo(7);
    }
  }
}
