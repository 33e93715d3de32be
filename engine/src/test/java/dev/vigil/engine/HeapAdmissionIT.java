package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.testing.EngineTestDriver;
import dev.vigil.engine.testing.ManualClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission by memory: over {@code heapLimit} of long-lived heap, ingest refuses (retryable) and keeps nothing. */
class HeapAdmissionIT {
  static final long T0 = 1_704_067_200_000L;

  @TempDir Path dir;

  @Test
  void longLivedHeapOverTheLimit_ingestRefusedWithRetryAfter_nothingAccepted() throws Exception {
    ManualClock clock = new ManualClock(T0);
    // A full collection moves every live object (the engine's own state) into the old generation,
    // so a limit of a millionth of the heap is surely passed.
    EngineConfig config = new EngineConfig(dir, List.of(), 1, 1_000, Duration.ofHours(24), Durability.NONE, clock)
        .withHeapLimit(0.000_001);
    try (EngineTestDriver d = EngineTestDriver.start(config, clock)) {
      System.gc();
      Event e = new Event("h1", "transaction", T0, Map.of("user_id", "u1", "amount", BigDecimal.TEN, "currency", "EUR"),
          Map.of());
      assertThatThrownBy(() -> d.engine().ingest(List.of(e)))
          .isInstanceOfSatisfying(OverloadedException.class, o -> {
            assertThat(o.retryAfterSeconds()).isPositive();
            assertThat(o.shuttingDown()).isFalse();
            assertThat(o.getMessage()).contains("engine.heap_limit");
          });
      assertThat(d.engine().queueDepth()).isZero();
    }
  }

  @Test
  void defaultLimit_admitsOrdinaryBatches() throws Exception {
    ManualClock clock = new ManualClock(T0);
    EngineConfig config = new EngineConfig(dir, List.of(), 1, 1_000, Duration.ofHours(24), Durability.NONE, clock);
    assertThat(config.heapLimit()).isEqualTo(EngineConfig.DEFAULT_HEAP_LIMIT);
    try (EngineTestDriver d = EngineTestDriver.start(config, clock)) {
      Event e = new Event("h2", "transaction", T0, Map.of("user_id", "u1", "amount", BigDecimal.TEN, "currency", "EUR"),
          Map.of());
      assertThat(d.engine().ingest(List.of(e))).containsExactly(Admission.ACCEPTED);
    }
  }
}
