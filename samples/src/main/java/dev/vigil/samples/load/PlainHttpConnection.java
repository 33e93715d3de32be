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

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket, for load clients that must cost the
 * machine little: a request is one write and (usually) one read, no thread hand-off. The JDK's
 * {@code HttpClient} spent about 1.2 ms of CPU per request in {@code DecisionLoad} (0.35 cores at
 * 300 requests/s), which on a 2-core machine shared with the node skewed the very latencies it
 * measured. Plain {@code http} only; responses with {@code Content-Length} or chunked bodies.
 * Not thread-safe: one connection per thread.
 */
public final class PlainHttpConnection implements AutoCloseable {
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
    if (!"http".equals(target.getScheme())) {
      throw new IllegalArgumentException("plain http only, not " + target);
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

  /** Posts {@code body} and returns the status code once the whole response was read. */
  public int post(byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return readResponse();
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

  private int port() {
    return target.getPort() < 0 ? 80 : target.getPort();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(target.getHost(), port()), 5_000);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private int readResponse() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
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
      }
    }
    if (chunked) {
      for (long n = Long.parseLong(line().split(";", 2)[0].trim(), 16); n > 0;
          n = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
        skip(n);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length > 0) {
      skip(length);
    }
    if (closing) {
      close();
    }
    return code;
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
