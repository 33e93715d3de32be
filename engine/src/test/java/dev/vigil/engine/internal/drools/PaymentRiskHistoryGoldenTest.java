package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Decision;
import dev.vigil.engine.Event;
import dev.vigil.engine.internal.host.SnapshotStatistics;
import dev.vigil.engine.internal.state.InMemoryStatistics;
import dev.vigil.engine.spi.EntityStatistics.Fold;
import dev.vigil.rules.schema.BuiltInTypes;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden test of samples/rules/dsl/payment_risk.vgl over real statistics: a history of
 * transactions is folded into the statistics numerics (the in-memory store, same code as the
 * Hazelcast one), the decision reads them through {@link SnapshotStatistics} as the engine does,
 * and the rendered decisions must equal src/test/resources/decisions/payment_risk_history.expected
 * ({@code -Dgolden.update=true} to accept new output after review). Covers {@code stats.seen}
 * from the distinct sets: a country seen in the last 30 days, one seen only earlier, one never.
 */
class PaymentRiskHistoryGoldenTest {

  private static final Path EXPECTED = Path.of("src/test/resources/decisions/payment_risk_history.expected");
  private static final long DAY = 86_400_000L;
  private static final long T0 = 20_000 * DAY;

  @Test
  void paymentRisk_decidedOverAFoldedHistory_matchesGolden() throws Exception {
    InMemoryStatistics history = new InMemoryStatistics();
    long seq = 0;
    history.foldAndGetBefore(fold(++seq, tx("h0", T0, "50", "DE")));
    for (int day = 20; day <= 44; day++) {
      history.foldAndGetBefore(fold(++seq, tx("h" + day, T0 + day * DAY, String.valueOf(45 + day % 11), "FR")));
    }
    DecisionFixture f = new DecisionFixture();
    f.decisions.statistics(new SnapshotStatistics(history::read));
    f.deploy("payment_risk.vgl", Files.readString(Path.of("../samples/rules/dsl/payment_risk.vgl")));
    long now = T0 + 45 * DAY + 3_600_000L;
    List<String> out = new ArrayList<>();
    out.add(run(f, "usual amount, usual country: allow", tx("d1", now, "52", "FR")));
    out.add(run(f, "country last seen 45 days ago, not in the last 30 (30): allow", tx("d2", now, "52", "DE")));
    out.add(run(f, "never-seen country and an amount far above usual (70): review", tx("d3", now, "500", "BR")));
    String actual = String.join("\n", out);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(EXPECTED, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(EXPECTED));
  }

  private static String run(DecisionFixture f, String title, Event e) throws Exception {
    Decision d = f.decisions.decide(e, true);
    return "# " + title + "\n" + DecisionFixture.render(d) + "\n";
  }

  private static Fold fold(long seq, Event e) {
    return new Fold(1, seq, 0, e, BuiltInTypes.TRANSACTION, "user_id");
  }

  private static Event tx(String id, long ts, String amount, String country) {
    Map<String, Object> m = new HashMap<>();
    m.put("user_id", "u1");
    m.put("card_id", "c1");
    m.put("amount", new BigDecimal(amount));
    m.put("currency", "EUR");
    m.put("country", country);
    return new Event(id, "transaction", ts, m, Map.of());
  }
}
