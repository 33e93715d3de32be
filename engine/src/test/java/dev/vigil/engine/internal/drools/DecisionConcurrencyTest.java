package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Decision;
import dev.vigil.engine.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many requests at once on one KieBase: each answer must depend on its own event only (no facts
 * leak between sessions), and swapping versions under load must fail no request and give each
 * request the answer of exactly one version.
 */
class DecisionConcurrencyTest {

  private static final String V1 = """
      decision risk on transaction
        score 60 "big" when amount > 1000
        score 30 "foreign" when country != "DE"
        block when score >= 90
        review when score >= 60
        allow otherwise
      """;
  // Version 2 is stricter: "foreign" alone reviews.
  private static final String V2 = V1.replace("score 30", "score 60");

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static Event event(int i) {
    String amount = i % 2 == 0 ? "5000" : "10";
    String country = i % 3 == 0 ? "DE" : "FR";
    return DecisionFixture.transaction("e" + i, i, "u" + i, "c" + i, amount, country);
  }

  /** What version v must answer for event i. */
  private static String expected(int i, int v) {
    int score = (i % 2 == 0 ? 60 : 0) + (i % 3 == 0 ? 0 : v == 1 ? 30 : 60);
    return score >= 90 ? "block" : score >= 60 ? "review" : "allow";
  }

  @Test
  void parallelRequests_eachSeeOnlyTheirOwnEvent() throws Exception {
    DecisionFixture f = new DecisionFixture();
    f.deploy("risk.vgl", V1);
    List<Future<Decision>> results = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      Event e = event(i);
      results.add(pool.submit(() -> f.decisions.decide(e, false)));
    }
    for (int i = 0; i < results.size(); i++) {
      Decision d = results.get(i).get(30, TimeUnit.SECONDS);
      assertThat(d.eventId()).isEqualTo("e" + i);
      assertThat(d.outcome()).as("event %d", i).isEqualTo(expected(i, 1));
      assertThat(d.score()).isEqualTo(d.reasons().stream().mapToInt(Decision.Reason::points).sum());
    }
    assertThat(f.stored).hasSize(4000);
    assertThat(f.ingested).hasSize(4000);
  }

  @Test
  void hotSwapUnderLoad_failsNoRequest_andEachAnswerIsOneVersions() throws Exception {
    DecisionFixture f = new DecisionFixture();
    f.deploy("risk.vgl", V1);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Future<List<Decision>>> workers = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      int worker = w;
      workers.add(pool.submit(() -> {
        List<Decision> out = new ArrayList<>();
        for (int i = worker; running.get() || out.size() < 50; i += 6) {
          out.add(f.decisions.decide(event(i), true));
        }
        return out;
      }));
    }
    for (int swap = 0; swap < 4; swap++) {
      f.deploy("risk.vgl", swap % 2 == 0 ? V2 : V1);  // versions 2..5 alternate V2, V1
    }
    f.decisions.rollback("risk", 2);
    running.set(false);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (Future<List<Decision>> w : workers) {
      for (Decision d : w.get(60, TimeUnit.SECONDS)) {
        int i = Integer.parseInt(d.eventId().substring(1));
        int logic = d.version() % 2 == 1 ? 1 : 2;
        assertThat(d.outcome()).as("event %d at version %d", i, d.version()).isEqualTo(expected(i, logic));
        seen.add(d.version());
      }
    }
    assertThat(seen).contains(1);
    assertThat(f.decisions.set("risk").orElseThrow().activeVersion()).isEqualTo(2);
  }
}
