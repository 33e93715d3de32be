package dev.vigil.samples.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Reads single values from a node's Prometheus {@code /metrics}, e.g. the engine's queue depth:
 * the sender only sees ingest acknowledgements, and the engine may evaluate well behind them.
 */
public final class NodeMetrics {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI metrics;

  public NodeMetrics(URI base) {
    this.metrics = base.resolve("/metrics");
  }

  /** The sum of every sample of {@code name} (all label sets), or empty if unavailable. */
  public OptionalDouble sum(String name) {
    try {
      HttpResponse<String> res = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      double sum = 0;
      boolean found = false;
      for (String line : res.body().split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** Events admitted but not yet evaluated (vigil_engine_queue_depth), or empty. */
  public OptionalDouble queueDepth() {
    return sum("vigil_engine_queue_depth");
  }
}
