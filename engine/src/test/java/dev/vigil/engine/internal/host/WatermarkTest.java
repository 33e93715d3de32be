package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTest {
  private final Watermark w = new Watermark(new LatenessPolicy(Duration.ofSeconds(5), List.of()), 10_000);

  @Test
  void refusedBatch_movesTheWatermarkToItsOldestEventMinusLateness_butIsNoArrival() {
    w.lock().lock();
    try {
      assertThat(w.observe(100_000, 100_000)).isEqualTo(95_000);
      assertThat(w.observeRefused(103_000, 104_000)).isEqualTo(98_000);
      assertThat(w.observeRefused(101_000, 105_000)).as("older than the newest seen: no move").isEqualTo(Watermark.NONE);
      assertThat(w.lateBound("transaction")).as("the refused batch, resent, is on time").isEqualTo(98_000);
      // Idle progress counts from the last admitted event (wall time 100 000), not from the refusals.
      assertThat(w.idleAdvance(109_999)).isEqualTo(Watermark.NONE);
      assertThat(w.idleAdvance(110_000)).isEqualTo(105_000);
    } finally {
      w.lock().unlock();
    }
  }
}
