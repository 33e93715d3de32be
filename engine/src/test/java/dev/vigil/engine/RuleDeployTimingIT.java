package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.EngineTestDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures (logs, asserts nothing about speed) how long 100 rule-language rules take to compile
 * and deploy at start, and one rule into a running engine; checks they all run.
 */
class RuleDeployTimingIT {

  private static final Logger log = LoggerFactory.getLogger(RuleDeployTimingIT.class);
  private static final String[] KEYS = {"user_id", "card_id", "merchant_id", "device_id"};

  @TempDir Path dir;

  static String rule(int i) {
    String by = KEYS[i % KEYS.length];
    return switch (i % 4) {
      case 0 -> "rule r%d\n  by %s\n  when transaction where amount > %d and country not in (\"US\", \"CA\")\n".formatted(i, by, 1000 + i);
      case 1 -> "rule r%d\n  by %s\n  when transaction over sliding 5m having count() > %d\n  suppress 10m\n".formatted(i, by, 20 + i);
      case 2 -> "rule r%d\n  by %s\n  when transaction over tumbling 1m having sum(amount) > %d\n".formatted(i, by, 5000 + i);
      default -> "rule r%d\n  by user_id\n  when sequence within 10m\n    a: transaction where amount < 2\n    b: transaction where amount > %d\n".formatted(i, 500 + i);
    };
  }

  @Test
  void hundredRulesAtStart_andOneIntoARunningEngine() throws Exception {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      file.append(rule(i)).append('\n');
    }
    long t0 = System.nanoTime();
    try (EngineTestDriver d = EngineTestDriver.start(dir, List.of(new RuleFile("hundred.vgl", file.toString())), 2)) {
      long startMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(d.engine().rules()).hasSize(100);
      List<Long> deployMs = new ArrayList<>();
      for (int v = 0; v < 5; v++) {
        long t1 = System.nanoTime();
        d.engine().ruleCatalog().deploy("extra", rule(1).replace("rule r1", "rule extra").replace("> 21", "> " + (30 + v)), "k");
        deployMs.add((System.nanoTime() - t1) / 1_000_000);
      }
      assertThat(d.engine().rules()).hasSize(101);
      log.info("MEASURE engine start with 100 rule-language rules (compile + deploy + store open): {} ms; "
          + "one rule into the running engine (compile + store + swap), 5 deploys: {} ms", startMs, deployMs);
    }
  }
}
