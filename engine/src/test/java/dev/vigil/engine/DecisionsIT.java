package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.rules.RuleException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions through a real engine: RocksDB log and set versions, journal ingestion once, dry run, webhooks. */
class DecisionsIT {

  private static final String DECISION = """
      decision risk on transaction
        score 60 "big" when amount > 1000
        review when score >= 50
        allow otherwise
      """;
  private static final String NOOP_EPL = "@Name('noop') select * from transaction(amount < 0)";

  @TempDir Path dir;

  private static Event tx(String id, String amount) {
    return new Event(id, "transaction", 1_000, Map.of("user_id", "u1", "amount", new BigDecimal(amount)), Map.of());
  }

  private static EngineTestDriver start(Path dir, RuleFile... files) throws RuleLoadException {
    return EngineTestDriver.start(dir, List.of(files), 1);
  }

  @Test
  void decide_storesThenIngestsOnce_andRepeatsReturnTheStoredDecision() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      decisions.deploy("payments", DECISION, "k1");
      Decision d = driver.engine().decide(tx("e1", "5000"), false);
      assertThat(d.outcome()).isEqualTo("review");
      assertThat(d.set()).isEqualTo("payments");
      assertThat(d.reasons()).containsExactly(new Decision.Reason("risk.1", 60, "big"));
      assertThat(decisions.get("e1")).contains(d);

      decisions.deploy("payments", DECISION.replace("score 60", "score 10"), "k1");
      assertThat(driver.engine().decide(tx("e1", "5000"), false)).isEqualTo(d);
      assertThat(driver.send(tx("e1", "5000"))).containsExactly(Admission.DUPLICATE);
      assertThat(decisions.query(new DecisionQuery("review", null, null, null, 10)).items()).containsExactly(d);
      assertThat(driver.meters().get("vigil.decisions").tags("set", "payments", "outcome", "review", "dry_run", "false")
          .counter().count()).isEqualTo(1.0);
      assertThat(driver.meters().get("vigil.decisions.repeated").counter().count()).isEqualTo(1.0);
    }
  }

  @Test
  void dryRun_neitherStoresNorIngests() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      driver.engine().decisions().deploy("payments", DECISION, "k1");
      Decision d = driver.engine().decide(tx("e2", "5"), true);
      assertThat(d.outcome()).isEqualTo("allow");
      assertThat(driver.engine().decisions().get("e2")).isEmpty();
      assertThat(driver.send(tx("e2", "5"))).containsExactly(Admission.ACCEPTED);
    }
  }

  @Test
  void badSources_areRefused_andTheRunningVersionKeepsAnswering() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      assertThatThrownBy(() -> decisions.decide(tx("e3", "1"), false)).isInstanceOf(NoDecisionException.class);
      assertThat(driver.meters().get("vigil.decisions.errors").tag("reason", "no_decision").counter().count())
          .isEqualTo(1.0);
      decisions.deploy("payments", DECISION, "k1");
      assertThatThrownBy(() -> decisions.deploy("payments", "decision d on transacton\n allow otherwise\n", "k1"))
          .isInstanceOf(RuleException.class)
          .satisfies(e -> assertThat(((RuleException) e).diagnostics().get(0).code().code()).isEqualTo("R2001"));
      assertThatThrownBy(() -> decisions.deploy("payments", DECISION + "rule r when transaction alert \"x\"\n", "k1"))
          .isInstanceOf(RuleChangeException.class)
          .satisfies(e -> assertThat(((RuleChangeException) e).reason()).isEqualTo(RuleChangeException.Reason.INVALID));
      assertThatThrownBy(() -> decisions.deploy("other", DECISION.replace("risk", "risk2"), "k1"))
          .isInstanceOf(RuleChangeException.class)
          .satisfies(e -> assertThat(((RuleChangeException) e).reason()).isEqualTo(RuleChangeException.Reason.CONFLICT));
      assertThat(decisions.set("payments").orElseThrow().versions()).hasSize(1);
      assertThat(decisions.decide(tx("e4", "5000"), true).outcome()).isEqualTo("review");
    }
  }

  @Test
  void versions_rollback_andDelete_surviveARestart() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      assertThat(decisions.deploy("payments", DECISION, "k1").created()).isTrue();
      assertThat(decisions.deploy("payments", DECISION, "k1").changed()).isFalse();
      decisions.deploy("payments", DECISION.replace("score 60", "score 10"), "k2");
      assertThat(decisions.decide(tx("e5", "5000"), true).outcome()).isEqualTo("allow");
      DecisionSetHistory h = decisions.rollback("payments", 1);
      assertThat(h.activeVersion()).isEqualTo(1);
      assertThat(decisions.decide(tx("e6", "5000"), true).version()).isEqualTo(1);
      assertThatThrownBy(() -> decisions.rollback("payments", 9)).isInstanceOf(RuleChangeException.class);
      decisions.deploy("gone", DECISION.replace("on transaction", "on login").replace("amount > 1000", "true"), "k1");
      decisions.delete("gone");
    }
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      DecisionSetHistory h = decisions.set("payments").orElseThrow();
      assertThat(h.activeVersion()).isEqualTo(1);
      assertThat(h.running()).isTrue();
      assertThat(h.decisions()).isEqualTo(Map.of("transaction", "risk"));
      assertThat(h.versions()).extracting(RuleVersion::author).containsExactly("k1", "k2");
      assertThat(decisions.decide(tx("e7", "5000"), true).outcome()).isEqualTo("review");
      assertThat(decisions.set("gone")).isEmpty();
      assertThat(decisions.sets()).extracting(DecisionSetHistory::id).containsExactly("payments");
      assertThat(decisions.deploy("gone", DECISION.replace("on transaction", "on login")
          .replace("amount > 1000", "true"), "k1").set().activeVersion()).isEqualTo(2);
    }
  }

  @Test
  void fileSets_areReadOnly_andWinTheirTypes() throws Exception {
    try (EngineTestDriver driver = start(dir, new RuleFile("risk.vgl", DECISION))) {
      Decisions decisions = driver.engine().decisions();
      DecisionSetHistory file = decisions.set("risk").orElseThrow();
      assertThat(file.origin()).isEqualTo("file");
      assertThat(file.versions().get(0).author()).isEqualTo("file:risk.vgl");
      assertThatThrownBy(() -> decisions.deploy("risk", DECISION, "k"))
          .satisfies(e -> assertThat(((RuleChangeException) e).reason()).isEqualTo(RuleChangeException.Reason.READ_ONLY));
      assertThat(decisions.decide(tx("e8", "5000"), true).set()).isEqualTo("risk");
    }
  }

  @Test
  void reviewAndBlock_createDeliveries_forSubscribersOfThoseEvents() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Engine engine = driver.engine();
      engine.subscriptions().save(subscription("sub_dec", Set.of("decision.review", "decision.block")));
      engine.subscriptions().save(subscription("sub_alerts", Set.of()));
      engine.decisions().deploy("payments", DECISION, "k1");
      Decision review = engine.decide(tx("e9", "5000"), false);
      engine.decide(tx("e10", "5"), false);
      engine.decide(tx("e9", "5000"), false);
      assertThat(engine.deliveries().open()).extracting(Delivery::subscriptionId, Delivery::alertId)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("sub_dec", review.webhookId()));
      assertThat(Decision.eventIdOfWebhook(review.webhookId())).contains("e9");
      assertThat(review.webhookId()).startsWith("dec.payments.1.");
    }
  }

  private static Subscription subscription(String id, Set<String> events) {
    return new Subscription(id, "https://example.com/hook", null,
        SubscriptionFilter.ALL.withEvents(events), List.of(new SigningSecret("whsec_x", 0, null)),
        SubscriptionState.ACTIVE, null, 0, 0, null);
  }
}
