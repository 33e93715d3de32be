package dev.vigil.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.Alert;
import dev.vigil.engine.Delivery;
import dev.vigil.engine.DeliveryState;
import dev.vigil.engine.Engine;
import dev.vigil.engine.Event;
import dev.vigil.engine.SigningSecret;
import dev.vigil.engine.Subscription;
import dev.vigil.engine.SubscriptionFilter;
import dev.vigil.engine.SubscriptionState;
import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.http.HttpServerRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery end to end: real engine and store, real dispatcher and HTTP client, real
 * receivers on 127.0.0.1 that fail in the ways endpoints fail. Backoff delays are milliseconds
 * (settings), so no test sleeps; Awaitility waits for outcomes.
 */
class WebhookDeliveryIT {

  private static final long T0 = 1_704_067_000_000L;
  private static final String RULE = "@Name('big') @Tag(name='by', value='user_id')\n"
      + "select user_id, event_id from transaction where amount > 1000";
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);

  @TempDir Path dir;
  private Vertx vertx;
  private EngineTestDriver driver;
  private WebhookDispatcher dispatcher;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(int port, String id, String timestamp, String signature, String body) {
    boolean signatureValid() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
            mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return List.of(signature.split(" ")).contains(expected);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    driver = EngineTestDriver.start(dir, RULE);
  }

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    driver.close();
    vertx.close().await();
  }

  private static WebhookSettings settings(int maxAttempts, Duration timeout) {
    return new WebhookSettings(List.of("127.0.0.1"), timeout, maxAttempts, Duration.ofMillis(20),
        Duration.ofMillis(100), 2, Duration.ofDays(1), Duration.ofMinutes(5), Duration.ofHours(1), 1000);
  }

  private void startDispatcher(WebhookSettings settings) {
    startDispatcher(settings, System::currentTimeMillis);
  }

  private void startDispatcher(WebhookSettings settings, dev.vigil.engine.Clock clock) {
    Engine e = driver.engine();
    dispatcher = new WebhookDispatcher(e.subscriptions(), e.deliveries(), e.alerts(), settings,
        new WebhookSender(vertx, new AddressGuard(settings.allowlist()), settings), new RetryPolicy(settings, new Random(1)),
        Scheduler.singleThread("test-webhooks", clock), new SimpleMeterRegistry());
    dispatcher.start();
  }

  /** A receiver on 127.0.0.1 whose answer to the n-th request (from 0) {@code behaviour} decides. */
  private int receiver(BiConsumer<Integer, HttpServerRequest> behaviour) {
    AtomicInteger n = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(new Received(req.localAddress().port(), req.getHeader("webhook-id"),
          req.getHeader("webhook-timestamp"), req.getHeader("webhook-signature"), body.toString()));
      behaviour.accept(n.getAndIncrement(), req);
    }));
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  private static BiConsumer<Integer, HttpServerRequest> failFirst(int failures, BiConsumer<Integer, HttpServerRequest> failure) {
    return (n, req) -> {
      if (n < failures) {
        failure.accept(n, req);
      } else {
        req.response().setStatusCode(204).end();
      }
    };
  }

  private Subscription subscribe(String id, int port) {
    Subscription s = new Subscription(id, "http://127.0.0.1:" + port + "/hook", null, SubscriptionFilter.ALL,
        List.of(new SigningSecret(SECRET, 0, null)), SubscriptionState.ACTIVE, null, 0, 0, null);
    driver.engine().subscriptions().save(s);
    return s;
  }

  private List<String> alertIds(int n) {
    Event[] events = new Event[n];
    for (int i = 0; i < n; i++) {
      events[i] = new Event("e" + i, "transaction", T0 + i,
          Map.of("user_id", "u" + i, "amount", new BigDecimal("5000"), "currency", "EUR"), Map.of());
    }
    driver.send(events);
    return driver.alerts().stream().map(Alert::alertId).toList();
  }

  private Delivery delivery(String sub, String alertId) {
    return driver.engine().deliveries().get(sub, alertId).orElseThrow();
  }

  private void awaitState(String sub, List<String> alerts, DeliveryState state) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(alerts).allSatisfy(a -> assertThat(delivery(sub, a).state()).isEqualTo(state)));
  }

  @Test
  void flakyReceiver_500sThenOk_everyAlertDeliveredSignedWithItsId() {
    int port = receiver(failFirst(3, (n, req) -> req.response().setStatusCode(500).end()));
    subscribe("sub_a", port);
    startDispatcher(settings(10, Duration.ofSeconds(5)));

    List<String> alerts = alertIds(3);

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
    assertThat(received).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(received).extracting(Received::id).containsAll(alerts).hasSize(6).allMatch(alerts::contains);
    assertThat(received.get(0).body()).startsWith("{\"type\":\"alert.created\"").contains("\"data\":{\"alert_id\"");
    assertThat(alerts.stream().mapToInt(a -> delivery("sub_a", a).attempts()).sum()).isEqualTo(6);
  }

  @Test
  void hangingReceiver_timesOut_thenDelivered() {
    int port = receiver(failFirst(1, (n, req) -> { /* never answers */ }));
    subscribe("sub_a", port);
    startDispatcher(settings(5, Duration.ofMillis(300)));

    List<String> alerts = alertIds(1);

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
    assertThat(delivery("sub_a", alerts.get(0)).attempts()).isEqualTo(2);
    assertThat(received).extracting(Received::id).containsOnly(alerts.get(0));
  }

  @Test
  void tooManyRequestsWithRetryAfter_andClosedConnection_retriedUntilDelivered() {
    int port = receiver(failFirst(2, (n, req) -> {
      if (n == 0) {
        req.response().setStatusCode(429).putHeader("Retry-After", "0").end();
      } else {
        req.connection().close();
      }
    }));
    subscribe("sub_a", port);
    startDispatcher(settings(5, Duration.ofSeconds(5)));

    List<String> alerts = alertIds(1);

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
    assertThat(delivery("sub_a", alerts.get(0)).attempts()).isEqualTo(3);
  }

  @Test
  void gone_failsDeliveryAndDisablesSubscriptionWithReason() {
    int port = receiver((n, req) -> req.response().setStatusCode(410).end());
    subscribe("sub_a", port);
    startDispatcher(settings(5, Duration.ofSeconds(5)));

    List<String> alerts = alertIds(1);

    awaitState("sub_a", alerts, DeliveryState.FAILED);
    Subscription s = driver.engine().subscriptions().get("sub_a").orElseThrow();
    assertThat(s.state()).isEqualTo(SubscriptionState.DISABLED);
    assertThat(s.disabledReason()).contains("410");
  }

  @Test
  void alwaysFailing_deadLettersAfterMaxAttempts_thenRetryDeliversSameId() {
    AtomicInteger healthyAfter = new AtomicInteger(Integer.MAX_VALUE);
    int port = receiver((n, req) -> req.response().setStatusCode(n >= healthyAfter.get() ? 200 : 503).end());
    subscribe("sub_a", port);
    startDispatcher(settings(3, Duration.ofSeconds(5)));

    List<String> alerts = alertIds(1);

    awaitState("sub_a", alerts, DeliveryState.FAILED);
    assertThat(received).hasSize(3);
    Delivery failed = delivery("sub_a", alerts.get(0));
    assertThat(failed.lastStatus()).isEqualTo(503);

    healthyAfter.set(3);
    driver.engine().deliveries().put(failed.restarted(System.currentTimeMillis()));
    dispatcher.wake("sub_a");

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
    assertThat(received).hasSize(4).extracting(Received::id).containsOnly(alerts.get(0));
  }

  @Test
  void redirectToLoopback_notFollowed_failsDelivery() {
    int target = receiver((n, req) -> req.response().setStatusCode(204).end());
    int port = receiver((n, req) -> req.response().setStatusCode(302)
        .putHeader("Location", "http://127.0.0.1:" + target + "/admin").end());
    subscribe("sub_a", port);
    startDispatcher(settings(5, Duration.ofSeconds(5)));

    List<String> alerts = alertIds(1);

    awaitState("sub_a", alerts, DeliveryState.FAILED);
    assertThat(received).extracting(Received::port).containsOnly(port);
    assertThat(delivery("sub_a", alerts.get(0)).lastError()).contains("redirect");
  }

  @Test
  void deliveringRowAtStart_isResentAsRetry() {
    int port = receiver((n, req) -> req.response().setStatusCode(204).end());
    subscribe("sub_a", port);
    List<String> alerts = alertIds(1);
    Delivery d = delivery("sub_a", alerts.get(0));
    driver.engine().deliveries().put(d.with(DeliveryState.DELIVERING, null)); // as if the process died mid-request

    startDispatcher(settings(5, Duration.ofSeconds(5)));

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
    assertThat(received).extracting(Received::id).containsExactly(alerts.get(0));
  }

  @Test
  void deadEndpoint_doesNotHoldBackOtherSubscription_inFlightBounded() {
    AtomicInteger hanging = new AtomicInteger();
    int dead = receiver((n, req) -> hanging.incrementAndGet());
    int fast = receiver((n, req) -> req.response().setStatusCode(204).end());
    subscribe("sub_dead", dead);
    subscribe("sub_fast", fast);
    startDispatcher(settings(5, Duration.ofSeconds(30)));

    List<String> alerts = alertIds(20);

    awaitState("sub_fast", alerts, DeliveryState.DELIVERED);
    assertThat(hanging.get()).isLessThanOrEqualTo(2); // maxInFlight
    assertThat(received.stream().filter(r -> r.port() == fast).map(Received::id).distinct().count()).isEqualTo(20);
  }

  @Test
  void pausedSubscription_holdsDeliveriesUntilResumed() {
    int port = receiver((n, req) -> req.response().setStatusCode(204).end());
    Subscription s = subscribe("sub_a", port);
    driver.engine().subscriptions().save(s.withState(SubscriptionState.PAUSED, null, 1));
    startDispatcher(settings(5, Duration.ofSeconds(5)));
    List<String> alerts = alertIds(2);
    assertThat(delivery("sub_a", alerts.get(0)).state()).isEqualTo(DeliveryState.PENDING);

    driver.engine().subscriptions().save(s);
    dispatcher.wake("sub_a");

    awaitState("sub_a", alerts, DeliveryState.DELIVERED);
  }

  @Test
  void failingContinuously_forDisableAfter_subscriptionDisabledWithReason_deliveriesKept() {
    int port = receiver((n, req) -> req.response().setStatusCode(500).end());
    subscribe("sub_a", port);
    long start = driver.clock().millis(); // deliveries are due from their alert's creation
    ManualClock clock = new ManualClock(start);
    WebhookSettings s = settings(1000, Duration.ofSeconds(5));
    startDispatcher(new WebhookSettings(s.allowlist(), s.timeout(), s.maxAttempts(), s.initialDelay(), s.maxDelay(),
        s.maxInFlight(), Duration.ofHours(1), s.rescanInterval(), s.rotationOverlap(), s.maxQueued()), clock);

    List<String> alerts = alertIds(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
    Subscription failing = driver.engine().subscriptions().get("sub_a").orElseThrow();
    assertThat(failing.failingSince()).isEqualTo(start);
    assertThat(failing.state()).isEqualTo(SubscriptionState.ACTIVE);

    clock.advance(Duration.ofHours(1));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(driver.engine().subscriptions().get("sub_a").orElseThrow().state())
            .isEqualTo(SubscriptionState.DISABLED));
    Subscription disabled = driver.engine().subscriptions().get("sub_a").orElseThrow();
    assertThat(disabled.disabledReason()).startsWith("endpoint failing continuously since " + java.time.Instant.ofEpochMilli(start))
        .contains("endpoint answered 500");
    assertThat(delivery("sub_a", alerts.get(0)).state()).isEqualTo(DeliveryState.RETRYING);
  }

  @Test
  void goneWhilePatched_concurrentUpdates_bothChangesKept() throws Exception {
    java.util.concurrent.CountDownLatch patched = new java.util.concurrent.CountDownLatch(1);
    int port = receiver((n, req) -> vertx.executeBlocking(() -> patched.await(20, java.util.concurrent.TimeUnit.SECONDS))
        .onComplete(x -> req.response().setStatusCode(410).end()));
    subscribe("sub_a", port);
    startDispatcher(settings(5, Duration.ofSeconds(30)));
    List<String> alerts = alertIds(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1); // the dispatcher holds its snapshot

    driver.engine().subscriptions().update("sub_a", x -> new Subscription(x.id(), x.url(), "patched", x.filter(),
        x.secrets(), x.state(), x.disabledReason(), x.createdAt(), x.updatedAt() + 1, x.failingSince()));
    patched.countDown();

    awaitState("sub_a", alerts, DeliveryState.FAILED);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Subscription s = driver.engine().subscriptions().get("sub_a").orElseThrow();
      assertThat(s.state()).isEqualTo(SubscriptionState.DISABLED);
      assertThat(s.description()).isEqualTo("patched");
    });
  }

  /** An HTTPS receiver on 127.0.0.1 with a self-signed certificate for "localhost"; records the SNI name. */
  private int httpsReceiver(SelfSignedCertificate cert, List<String> sniNames) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
        .setKeyCertOptions(cert.keyCertOptions())).requestHandler(req -> req.body().onSuccess(body -> {
          sniNames.add(String.valueOf(req.connection().indicatedServerName()));
          received.add(new Received(req.localAddress().port(), req.getHeader("webhook-id"),
              req.getHeader("webhook-timestamp"), req.getHeader("webhook-signature"), body.toString()));
          req.response().setStatusCode(204).end();
        }));
    return server.listen(0, "127.0.0.1").await().actualPort();
  }

  private void subscribeUrl(String id, String url) {
    driver.engine().subscriptions().save(new Subscription(id, url, null, SubscriptionFilter.ALL,
        List.of(new SigningSecret(SECRET, 0, null)), SubscriptionState.ACTIVE, null, 0, 0, null));
  }

  @Test
  void https_selfSignedCertTrustedThroughPem_deliveredWithSniHostName() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    List<String> sni = new CopyOnWriteArrayList<>();
    int port = httpsReceiver(cert, sni);
    subscribeUrl("sub_tls", "https://localhost:" + port + "/hook");
    // Only address ranges are allowlisted, so "localhost" is not an allowlisted host: https it must be.
    startDispatcher(settings(2, Duration.ofSeconds(5)).withAllowlist(List.of("127.0.0.1", "::1"))
        .withTrustPem(Path.of(cert.certificatePath())));

    List<String> alerts = alertIds(1);

    awaitState("sub_tls", alerts, DeliveryState.DELIVERED);
    assertThat(sni).containsExactly("localhost");
    assertThat(received).singleElement().satisfies(r -> assertThat(r.signatureValid()).isTrue());
  }

  @Test
  void https_selfSignedCertNotTrusted_failsWithoutSending() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    int port = httpsReceiver(cert, new CopyOnWriteArrayList<>());
    subscribeUrl("sub_tls", "https://localhost:" + port + "/hook");
    startDispatcher(settings(1, Duration.ofSeconds(5)).withAllowlist(List.of("127.0.0.1", "::1")));

    List<String> alerts = alertIds(1);

    awaitState("sub_tls", alerts, DeliveryState.FAILED);
    assertThat(received).isEmpty();
    assertThat(delivery("sub_tls", alerts.get(0)).lastStatus()).isNull();
  }

  @Test
  void httpToLocalhost_onlyAddressRangesAllowlisted_refusedAsNotHttps() {
    int port = receiver((n, req) -> req.response().setStatusCode(204).end());
    subscribeUrl("sub_plain", "http://localhost:" + port + "/hook");
    startDispatcher(settings(1, Duration.ofSeconds(5)).withAllowlist(List.of("127.0.0.1", "::1")));

    List<String> alerts = alertIds(1);

    awaitState("sub_plain", alerts, DeliveryState.FAILED);
    assertThat(received).isEmpty();
    assertThat(delivery("sub_plain", alerts.get(0)).lastError()).contains("must be https");
  }
}
