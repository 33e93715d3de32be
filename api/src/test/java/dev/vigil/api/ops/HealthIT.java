package dev.vigil.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.LogLines;
import dev.vigil.api.TestNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthIT {
  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void accessLog_request_oneLineWithStatusAndDurationInMilliseconds() throws Exception {
    try (LogLines lines = LogLines.of(RequestLog.LOGGER)) {
      HttpResponse<String> r = node.get("/v1/rules", null);
      assertThat(r.statusCode()).isEqualTo(401);

      await().atMost(Duration.ofSeconds(10)).until(() -> !lines.events().isEmpty());
      Map<String, String> kv = lines.events().get(0).getKeyValuePairs().stream()
          .collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value)));
      assertThat(kv).containsEntry("method", "GET").containsEntry("path", "/v1/rules").containsEntry("status", "401");
      assertThat(kv.get("duration_ms")).matches("\\d+\\.\\d{3}");
      assertThat(kv.get("request_id")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    }
  }

  @Test
  void live_withoutKey_is200Up() throws Exception {
    HttpResponse<String> r = node.get("/health/live", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void ready_startedNode_is200Up() throws Exception {
    HttpResponse<String> r = node.get("/health/ready", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("UP");
  }

  @Test
  void metrics_withoutKey_isPrometheusTextWithJvmProcessAndDiskMeters() throws Exception {
    node.get("/health/live", null);
    HttpResponse<String> r = node.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain").contains("version=0.0.4"));
    assertThat(r.body()).contains(
        "# TYPE jvm_memory_used_bytes gauge",
        "jvm_gc_",
        "jvm_threads_live_threads",
        "process_cpu_usage",
        "process_uptime_seconds",
        "disk_free_bytes");
  }

  @Test
  void anyResponse_carriesRequestId_callerIdEchoed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri("/health/live"))
        .header("X-Request-Id", "trace-42").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("X-Request-Id")).contains("trace-42");
    HttpResponse<String> p = node.get("/v1/alerts", null);
    assertThat(p.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(p.body()).contains("\"request_id\"");
  }

  @Test
  void ready_startingOrStopping_is503Problem() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Readiness readiness = new Readiness();
      Router router = Router.router(vertx);
      HealthRoutes.mount(router, readiness);
      MetricsRoutes.mount(router, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get();
      URI ready = URI.create("http://127.0.0.1:" + server.actualPort() + "/health/ready");
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> starting = http.send(HttpRequest.newBuilder(ready).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(starting.statusCode()).isEqualTo(503);
      assertThat(starting.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(starting.body()).contains("\"state\":\"STARTING\"");

      readiness.markReady();
      assertThat(http.send(HttpRequest.newBuilder(ready).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      readiness.markStopping();
      HttpResponse<String> stopping = http.send(HttpRequest.newBuilder(ready).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(stopping.statusCode()).isEqualTo(503);
      assertThat(stopping.body()).contains("\"state\":\"STOPPING\"");
      readiness.markReady(); // a stopping node never becomes ready again
      assertThat(readiness.state()).isEqualTo(Readiness.State.STOPPING);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
