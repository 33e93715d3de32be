package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.testing.EngineTestDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions through a real engine: RocksDB log, journal ingestion once, dry run, versions. */
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

  @Test
  void decide_storesThenIngestsOnce_andRepeatsReturnTheStoredDecision() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      decisions.deploy(List.of(new RuleFile("risk.vgl", DECISION)));
      Decision d = driver.engine().decide(tx("e1", "5000"), false);
      assertThat(d.outcome()).isEqualTo("review");
      assertThat(d.reasons()).containsExactly(new Decision.Reason("risk.1", 60, "big"));
      assertThat(decisions.get("e1")).contains(d);

      decisions.deploy(List.of(new RuleFile("risk.vgl", DECISION.replace("score 60", "score 10"))));
      assertThat(driver.engine().decide(tx("e1", "5000"), false)).isEqualTo(d);
      assertThat(driver.send(tx("e1", "5000"))).containsExactly(Admission.DUPLICATE);
      assertThat(decisions.query(new DecisionQuery("review", null, null, null, 10)).items()).containsExactly(d);
    }
  }

  @Test
  void dryRun_neitherStoresNorIngests() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      driver.engine().decisions().deploy(List.of(new RuleFile("risk.vgl", DECISION)));
      Decision d = driver.engine().decide(tx("e2", "5"), true);
      assertThat(d.outcome()).isEqualTo("allow");
      assertThat(driver.engine().decisions().get("e2")).isEmpty();
      assertThat(driver.send(tx("e2", "5"))).containsExactly(Admission.ACCEPTED);
    }
  }

  @Test
  void noDecisionForType_andBadFiles_areReported() throws Exception {
    try (EngineTestDriver driver = EngineTestDriver.start(dir, NOOP_EPL)) {
      Decisions decisions = driver.engine().decisions();
      assertThatThrownBy(() -> decisions.decide(tx("e3", "1"), false)).isInstanceOf(NoDecisionException.class);
      assertThatThrownBy(() -> decisions.deploy(List.of(new RuleFile("bad.vgl", "decision d on transacton\n allow otherwise\n"))))
          .isInstanceOf(RuleLoadException.class).hasMessageContaining("R2001");
      assertThat(decisions.current()).isEmpty();
      DecisionSetInfo v1 = decisions.deploy(List.of(new RuleFile("risk.vgl", DECISION)));
      decisions.deploy(List.of(new RuleFile("risk.vgl", DECISION.replace("score 60", "score 10"))));
      assertThat(decisions.rollback(v1.version()).version()).isEqualTo(1);
      assertThat(decisions.decide(tx("e4", "5000"), true).outcome()).isEqualTo("review");
      assertThat(decisions.versions()).extracting(DecisionSetInfo::version).containsExactly(1, 2);
    }
  }
}
