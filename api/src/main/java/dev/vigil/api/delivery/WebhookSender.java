package dev.vigil.api.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.List;

/**
 * Sends one signed webhook request: checks the URL, resolves the host on a worker thread, checks
 * every address ({@link AddressGuard}), then connects to the first checked address while naming
 * the original host in {@code Host}, SNI and certificate verification (against the JVM's CAs, or
 * those of {@code webhooks.trust_pem}). Never follows redirects.
 * Completes with an {@link Outcome}, never fails.
 */
public final class WebhookSender implements AutoCloseable {

  /** How an attempt ended. */
  public enum Kind { SUCCESS, RETRY, FAIL, GONE }

  /**
   * @param status the HTTP status, or {@code null} when there was no answer
   * @param retryAfter the {@code Retry-After} header of a 429/503, or {@code null}
   */
  public record Outcome(Kind kind, Integer status, String error, String retryAfter, long latencyMillis) {}

  private final Vertx vertx;
  private final AddressGuard guard;
  private final HttpClient client;
  private final long timeoutMillis;

  public WebhookSender(Vertx vertx, AddressGuard guard, WebhookSettings settings) {
    this.vertx = vertx;
    this.guard = guard;
    this.timeoutMillis = settings.timeout().toMillis();
    HttpClientOptions options = new HttpClientOptions()
        .setForceSni(true)
        .setVerifyHost(true)
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .setMaxRedirects(0);
    if (settings.trustPem() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(settings.trustPem().toString()));
    }
    this.client = vertx.createHttpClient(options);
  }

  public Future<Outcome> send(String url, String webhookId, long timestampSeconds, String signature, String body) {
    long t0 = System.nanoTime();
    AddressGuard.Target target;
    try {
      target = guard.check(url);
    } catch (AddressGuard.RefusedException e) {
      return Future.succeededFuture(new Outcome(Kind.FAIL, null, "refused: " + e.getMessage(), null, 0));
    }
    Promise<Outcome> done = Promise.promise();
    vertx.<List<InetAddress>>executeBlocking(() -> guard.resolve(target), false)
        .onFailure(e -> done.complete(new Outcome(
            e instanceof AddressGuard.RefusedException ? Kind.FAIL : Kind.RETRY, null,
            (e instanceof AddressGuard.RefusedException ? "refused: " : "") + e.getMessage(), null, millisSince(t0))))
        .onSuccess(addresses -> request(target, addresses.get(0), webhookId, timestampSeconds, signature, body)
            .onComplete(ar -> done.complete(ar.succeeded()
                ? classify(ar.result().status(), ar.result().retryAfter(), millisSince(t0))
                : new Outcome(Kind.RETRY, null, describe(ar.cause()), null, millisSince(t0)))));
    return done.future();
  }

  private record Answer(int status, String retryAfter) {}

  private Future<Answer> request(AddressGuard.Target target, InetAddress address, String id, long ts, String signature,
      String body) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
        .setHost(target.host())
        .setPort(target.port())
        .setSsl(target.https())
        .setURI(target.pathAndQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMillis)
        .setIdleTimeout(timeoutMillis)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "Vigil-Webhooks/1")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(ts))
        .putHeader("webhook-signature", signature);
    return client.request(options)
        .compose(req -> req.send(body))
        .compose(res -> res.body().map(ignored -> new Answer(res.statusCode(), res.getHeader("Retry-After"))));
  }

  static Outcome classify(int status, String retryAfter, long latency) {
    if (status >= 200 && status < 300) {
      return new Outcome(Kind.SUCCESS, status, null, null, latency);
    }
    if (status == 410) {
      return new Outcome(Kind.GONE, status, "endpoint answered 410 Gone", null, latency);
    }
    if (status == 429 || status == 503) {
      return new Outcome(Kind.RETRY, status, "endpoint answered " + status, retryAfter, latency);
    }
    if (status >= 500 || status < 200) {
      return new Outcome(Kind.RETRY, status, "endpoint answered " + status, null, latency);
    }
    if (status < 400) {
      return new Outcome(Kind.FAIL, status, "endpoint answered " + status + "; redirects are not followed", null, latency);
    }
    return new Outcome(Kind.FAIL, status, "endpoint answered " + status, null, latency);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Override
  public void close() {
    client.close();
  }
}
