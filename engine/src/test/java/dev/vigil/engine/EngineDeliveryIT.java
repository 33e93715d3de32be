package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.EngineTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppression and the webhook outbox through a real engine. */
class EngineDeliveryIT {

  private static final long T0 = 1_600_000_000_000L;

  @TempDir Path dir;

  @Test
  void suppressTag_sameUserWithinHour_oneAlert_restCounted() throws Exception {
    String epl = "@Name('big') @Tag(name='by', value='user_id') @Tag(name='suppress', value='1h') @Tag(name='tags', value='card, money')\n"
        + "select user_id, event_id from transaction where amount > 1000";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      assertThat(driver.engine().rules().get(0).suppress()).isEqualTo(Duration.ofHours(1));
      assertThat(driver.engine().rules().get(0).tags()).containsExactlyInAnyOrder("card", "money");
      driver.send(EngineIT.tx("e1", T0, "u1", null, "2000"), EngineIT.tx("e2", T0 + 60_000, "u1", null, "2000"),
          EngineIT.tx("e3", T0 + 60_000, "u2", null, "2000"));
      driver.send(EngineIT.tx("e4", T0 + 3_600_000, "u1", null, "2000"));

      assertThat(driver.alerts()).extracting(a -> a.eventIds().get(0)).containsExactlyInAnyOrder("e1", "e3", "e4");
      assertThat(driver.engine().suppressedCount("big")).isEqualTo(1);
      // One meter counts suppression: vigil.rule.suppressed{rule} (the per-rule family).
      assertThat(driver.meters().get("vigil.rule.suppressed").tag("rule", "big").counter().count()).isEqualTo(1.0);
      assertThat(driver.meters().find("vigil.rules.suppressed").meters()).isEmpty();
    }
  }

  @Test
  void suppressTag_restartWithinInterval_sameDataDir_stillSuppressed() throws Exception {
    String epl = "@Name('big') @Tag(name='by', value='user_id') @Tag(name='suppress', value='1h')\n"
        + "select user_id, event_id from transaction where amount > 1000";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.send(EngineIT.tx("e1", T0, "u1", null, "2000"));
      assertThat(driver.alerts()).hasSize(1);
    }
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      driver.send(EngineIT.tx("e2", T0 + 60_000, "u1", null, "2000"), EngineIT.tx("e3", T0 + 60_000, "u2", null, "2000"));
      driver.send(EngineIT.tx("e4", T0 + 3_600_000, "u1", null, "2000"));

      assertThat(driver.alerts()).extracting(a -> a.eventIds().get(0)).containsExactly("e1", "e3", "e4");
      assertThat(driver.engine().suppressedCount("big")).isEqualTo(1);
    }
  }

  @Test
  void newAlert_matchingSubscriptions_getOnePendingDeliveryEach() throws Exception {
    String epl = "@Name('big') @Tag(name='by', value='user_id') @Tag(name='tags', value='card')\n"
        + "select user_id, event_id from transaction where amount > 1000";
    try (EngineTestDriver driver = EngineTestDriver.start(dir, epl)) {
      Subscriptions subs = driver.engine().subscriptions();
      subs.save(subscription("sub_all", SubscriptionFilter.ALL));
      subs.save(subscription("sub_card", new SubscriptionFilter(Set.of(), Set.of(), Set.of("card"), Set.of("user_id"))));
      subs.save(subscription("sub_other", new SubscriptionFilter(Set.of("other"), Set.of(), Set.of(), Set.of())));

      driver.send(EngineIT.tx("e1", T0, "u1", null, "2000"));

      String alertId = driver.alerts().get(0).alertId();
      assertThat(driver.engine().deliveries().open())
          .extracting(Delivery::subscriptionId)
          .containsExactlyInAnyOrder("sub_all", "sub_card");
      assertThat(driver.engine().deliveries().get("sub_all", alertId).orElseThrow().state())
          .isEqualTo(DeliveryState.PENDING);
    }
  }

  private static Subscription subscription(String id, SubscriptionFilter filter) {
    return new Subscription(id, "https://example.test/" + id, null, filter,
        List.of(new SigningSecret("whsec_x", 0, null)), SubscriptionState.ACTIVE, null, 0, 0, null);
  }
}
