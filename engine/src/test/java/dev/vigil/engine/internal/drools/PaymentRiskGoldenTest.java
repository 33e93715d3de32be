package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Decision;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden test of samples/rules/dsl/payment_risk.vgl in real Drools: each case sets statistics
 * and alerts, decides one event, and the rendered decision (outcome, score, reasons, inputs
 * read) must equal src/test/resources/decisions/payment_risk.expected. Run with
 * -Dgolden.update=true to accept new output after review.
 */
class PaymentRiskGoldenTest {

  private static final Path EXPECTED = Path.of("src/test/resources/decisions/payment_risk.expected");
  private static String sample;

  @BeforeAll
  static void read() throws Exception {
    sample = Files.readString(Path.of("../samples/rules/dsl/payment_risk.vgl"));
  }

  private static String run(String title, DecisionFixture f, String id, String amount, String country) throws Exception {
    Decision d = f.decisions.decide(DecisionFixture.transaction(id, 10_000_000L, "u1", "c1", amount, country), true);
    return "# " + title + "\n" + DecisionFixture.render(d) + "\n";
  }

  @Test
  void paymentRisk_casesMatchGolden() throws Exception {
    List<String> out = new ArrayList<>();
    DecisionFixture f = new DecisionFixture();
    f.deploy("payment_risk.vgl", sample);
    out.add(run("no history: allow, nothing scores", f, "e1", "120.00", "FR"));

    f.stats.put("count amount 0 u1", 25L);
    f.stats.put("mean amount 0 u1", new BigDecimal("50"));
    f.stats.put("stddev amount 0 u1", new BigDecimal("10"));
    out.add(run("amount 5 sigma above usual (40): allow", f, "e2", "100.00", "FR"));

    f.stats.put("distinct country 2592000000 u1", 2L);
    out.add(run("plus a country not seen in 30d (70): review", f, "e3", "100.00", "BR"));

    f.stats.put("seen country 2592000000 u1 FR", true);
    out.add(run("a seen country does not score: allow", f, "e4", "100.00", "FR"));

    f.alert("card_testing", "c1", 10_000_000L - 600_000L);
    out.add(run("all three (120): block", f, "e5", "100.00", "BR"));

    out.add(run("missing amount: zscore unknown, not true", f, "e6", null, "BR"));

    DecisionFixture old = new DecisionFixture();
    old.deploy("payment_risk.vgl", sample);
    old.alert("card_testing", "c1", 10_000_000L - 3_600_001L);
    old.alert("card_testing", "c2", 10_000_000L);
    out.add(run("alert older than 1h or on another card: allow", old, "e7", "10.00", "FR"));

    String actual = String.join("\n", out);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(EXPECTED.getParent());
      Files.writeString(EXPECTED, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(EXPECTED));
  }
}
