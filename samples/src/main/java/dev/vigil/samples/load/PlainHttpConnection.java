package dev.vigil.samples.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket, for load clients that must cost the
 * machine little: a request is one write and (usually) one read, no thread hand-off. The JDK's
 * {@code HttpClient} spent about 1.2 ms of CPU per request in {@code DecisionLoad} (0.35 cores at
 * 300 requests/s), which on a 2-core machine shared with the node skewed the very latencies it
 * measured; the load generator's {@code Sender} used it too. {@code http} and {@code https} (the
 * JVM's default trust store, host name verified); responses with {@code Content-Length} or chunked
 * bodies. Not thread-safe: one connection per thread.
 */
public final class PlainHttpConnection implements AutoCloseable {

  /** A response: status code, body (UTF-8) and {@code Retry-After} in seconds (-1 when absent). */
  public record Response(int status, String body, long retryAfterSeconds) {}

  private final URI target;
  private final String head;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  /**
   * @param target the URL every request goes to (path and query included)
   * @param headers extra header lines, each {@code "Name: value"}
   */
  public PlainHttpConnection(URI target, String... headers) {
    if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
      throw new IllegalArgumentException("http or https only, not " + target);
    }
    this.target = target;
    StringBuilder h = new StringBuilder();
    String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    h.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(target.getHost()).append(':')
        .append(port()).append("\r\n");
    for (String line : headers) {
      h.append(line).append("\r\n");
    }
    this.head = h.toString();
  }

  /** Posts {@code body} and returns the status code once the whole response was read (body skipped). */
  public int post(byte[] body) throws IOException {
    return exchange(body, false).status();
  }

  /** Posts {@code body} and returns the whole response. */
  public Response exchange(byte[] body) throws IOException {
    return exchange(body, true);
  }

  private Response exchange(byte[] body, boolean keepBody) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return readResponse(keepBody);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  private boolean tls() {
    return "https".equals(target.getScheme());
  }

  private int port() {
    return target.getPort() >= 0 ? target.getPort() : tls() ? 443 : 80;
  }

  private void connect() throws IOException {
    socket = tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(target.getHost(), port()), 5_000);
    if (socket instanceof SSLSocket ssl) {
      SSLParameters p = ssl.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(p);
      ssl.startHandshake();
    }
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private Response readResponse(boolean keepBody) throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    long retryAfter = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closing = true;
      } else if (lower.startsWith("retry-after:")) {
        retryAfter = seconds(lower.substring(12).trim());
      }
    }
    ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
    if (chunked) {
      for (long n = Long.parseLong(line().split(";", 2)[0].trim(), 16); n > 0;
          n = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
        take(n, body);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length > 0) {
      take(length, body);
    }
    if (closing) {
      close();
    }
    return new Response(code, body == null ? "" : body.toString(StandardCharsets.UTF_8), retryAfter);
  }

  /** Retry-After in seconds; an HTTP date (not sent by Vigil) counts as absent. */
  private static long seconds(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reads {@code n} body bytes into {@code body}, or skips them when it is null. */
  private void take(long n, ByteArrayOutputStream body) throws IOException {
    if (body == null) {
      skip(n);
      return;
    }
    byte[] buf = in.readNBytes((int) n);
    if (buf.length < n) {
      throw new IOException("connection closed inside a response body");
    }
    body.write(buf);
  }

  private void skip(long n) throws IOException {
    for (long left = n; left > 0; ) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed inside a response body");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed inside a response head");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
