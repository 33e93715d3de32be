package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.testing.Http;
import dev.vigil.api.testing.RecordingEngine;
import dev.vigil.api.testing.TestBearerSecurity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link VigilServer#close()} stops accepting but lets an in-flight ingest finish. */
class VigilServerShutdownTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  @Test
  void close_duringIngest_inFlightRequestCompletes_newConnectionsRefused() throws Exception {
    RecordingEngine engine = new RecordingEngine();
    VigilServer server = VigilServer.start(vertx, VigilServer.setup(engine, TestBearerSecurity.admin("t"))).await();
    Http http = new Http(server.port(), "t");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    engine.blockNextIngest(entered, release);
    HttpRequest request = http.request("/v1/events")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"event_id\":\"s1\",\"type\":\"login\",\"timestamp\":1767225600000,\"user_id\":\"u\"}"))
        .build();
    CompletableFuture<HttpResponse<String>> inFlight =
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    Future<Void> closing = server.close();
    assertThat(closing.isComplete()).isFalse();
    release.countDown();

    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("\"accepted\":1");
    closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(engine.admitted()).hasSize(1);
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> fresh.send(http.request("/v1/alerts").GET().build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
