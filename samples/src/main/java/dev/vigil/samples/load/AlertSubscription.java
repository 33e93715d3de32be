package dev.vigil.samples.load;

import dev.vigil.samples.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-process alert path of a load run: a {@link WebhookReceiver} on a local port, subscribed
 * to every alert through {@code POST /v1/subscriptions} with the run's key (scope
 * {@code subscriptions:write}); each delivery goes to a {@link GroundTruth}. Closing deletes the
 * subscription and stops the receiver. The node must allow the receiver's plain-http address:
 * {@code VIGIL_WEBHOOK_ALLOWLIST=127.0.0.1}.
 */
public final class AlertSubscription implements AutoCloseable {
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(10);
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;
  private final String key;
  private final WebhookReceiver receiver;
  private final String id;

  private AlertSubscription(URI base, String key, WebhookReceiver receiver, String id) {
    this.base = base;
    this.key = key;
    this.receiver = receiver;
    this.id = id;
  }

  /** Starts a receiver on {@code host:port} (0 = any free port) and subscribes it. */
  public static AlertSubscription open(URI base, String key, String host, int port, GroundTruth truth)
      throws IOException, InterruptedException {
    WebhookReceiver receiver = WebhookReceiver.start(host, port, null, d -> {
      long now = System.nanoTime();
      if (!d.duplicate() && d.status() < 300) {
        truth.alert(d.body(), now);
      }
    });
    String url = "http://" + host + ":" + receiver.port() + "/";
    HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/subscriptions"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"url\":\"" + url + "\",\"description\":\"vigil load generator\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = ID.matcher(res.body());
    if (res.statusCode() != 201 || !m.find()) {
      receiver.close();
      throw new IOException("could not subscribe " + url + ": HTTP " + res.statusCode() + " " + res.body()
          + (res.statusCode() == 400 ? " (does the node allow it? VIGIL_WEBHOOK_ALLOWLIST=" + host + ")" : ""));
    }
    return new AlertSubscription(base, key, receiver, m.group(1));
  }

  public int port() {
    return receiver.port();
  }

  public String id() {
    return id;
  }

  @Override
  public void close() {
    try {
      client.send(HttpRequest.newBuilder(base.resolve("/v1/subscriptions/" + id)).timeout(TIMEOUT)
          .header("Authorization", "Bearer " + key).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // The node is gone: nothing left to unsubscribe from.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      receiver.close();
    }
  }
}
