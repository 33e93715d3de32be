package dev.vigil.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for trying alert subscriptions: it verifies Standard Webhooks signatures
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256
 * of id.timestamp.body>}) when given the subscription secret, prints one line per delivery, and
 * rejects timestamps more than {@link #MAX_SKEW_SECONDS} away from its clock (replayed requests),
 * and deduplicates by {@code webhook-id}: a redelivery is acknowledged (2xx, so the sender stops)
 * but not processed again. This is the reference for users writing their own receiver.
 *
 * <pre>
 * java -cp samples/target/vigil-samples.jar dev.vigil.samples.WebhookReceiver --port 9000 --secret whsec_...
 * </pre>
 */
public final class WebhookReceiver implements AutoCloseable {

  /** Largest accepted distance between {@code webhook-timestamp} and this receiver's clock. */
  public static final long MAX_SKEW_SECONDS = 300;

  /**
   * One received request.
   *
   * @param duplicate whether an earlier request with this {@code webhook-id} was already accepted
   * @param status what the receiver answered
   */
  public record Delivery(String webhookId, String timestamp, String body, boolean signatureValid, boolean duplicate,
      int status) {}

  private final HttpServer server;
  private final byte[] secret;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> seen = new ConcurrentHashMap<>();
  private final Consumer<Delivery> listener;

  private WebhookReceiver(HttpServer server, byte[] secret, Consumer<Delivery> listener) {
    this.server = server;
    this.secret = secret;
    this.listener = listener;
  }

  /** Starts on {@code port} (0 = random) on the loopback address; {@code secret} may be null. */
  public static WebhookReceiver start(int port, String secret) throws IOException {
    return start("127.0.0.1", port, secret, null);
  }

  /**
   * Starts on {@code host:port} and hands every delivery to {@code listener}, as it arrives,
   * instead of printing and keeping it (the load generator counts alerts this way); a null
   * listener prints and keeps them.
   */
  public static WebhookReceiver start(String host, int port, String secret, Consumer<Delivery> listener)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    WebhookReceiver receiver = new WebhookReceiver(server, secret == null ? null : decodeSecret(secret), listener);
    server.createContext("/", receiver::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return receiver;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
      boolean valid = secret != null && id != null && ts != null && sig != null && verify(id, ts, body, sig);
      boolean fresh = fresh(ts);
      int status;
      boolean duplicate = false;
      if (secret != null && !valid) {
        status = 401; // not from the subscription's sender
      } else if (!fresh) {
        status = 400; // stale or future timestamp: a replayed request
      } else {
        duplicate = seen.merge(id == null ? "" : id, 1, Integer::sum) > 1;
        status = 204; // a duplicate is acknowledged too, so the sender stops retrying it
      }
      Delivery delivery = new Delivery(id, ts, body, valid, duplicate, status);
      // recorded before the response: whoever sees the 2xx also sees the delivery
      if (listener != null) {
        listener.accept(delivery);
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      deliveries.add(delivery);
      exchange.sendResponseHeaders(status, -1);
      System.out.printf("webhook-id=%s signature=%s fresh=%s duplicate=%s status=%d body=%s%n",
          id, secret == null ? "unchecked" : (valid ? "valid" : "INVALID"), fresh, duplicate, status, body);
    } finally {
      exchange.close();
    }
  }

  /** Whether the unix-seconds timestamp lies within {@link #MAX_SKEW_SECONDS} of now. */
  static boolean fresh(String ts) {
    if (ts == null || !ts.matches("\\d{1,12}")) {
      return false;
    }
    long now = System.currentTimeMillis() / 1000;
    return Math.abs(now - Long.parseLong(ts)) <= MAX_SKEW_SECONDS;
  }

  private boolean verify(String id, String ts, String body, String header) {
    byte[] expected = hmac(id + "." + ts + "." + body);
    for (String part : header.split(" ")) {
      if (part.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(part.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] hmac(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decodeSecret(String secret) {
    String s = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    return Base64.getDecoder().decode(s);
  }

  @Override
  public void close() {
    server.stop(0);
    if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
      pool.shutdownNow();
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = Args.parse(args);
    WebhookReceiver r = start(Integer.parseInt(opts.getOrDefault("port", "9000")), opts.get("secret"));
    System.out.println("listening on http://127.0.0.1:" + r.port());
  }
}
