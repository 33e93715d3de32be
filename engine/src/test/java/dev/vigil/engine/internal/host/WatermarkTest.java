package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTest {
  private final Watermark w = new Watermark(new LatenessPolicy(Duration.ofSeconds(5), List.of()), 10_000);

  @Test
  void refusedBatch_movesTheWatermarkToItsOldestEventMinusLateness_andHoldsIdleProgressThereForAWhile() {
    w.lock().lock();
    try {
      assertThat(w.observe(100_000, 100_000)).isEqualTo(95_000);
      assertThat(w.observeRefused(103_000, 104_000)).isEqualTo(98_000);
      assertThat(w.observeRefused(101_000, 105_000)).as("older than the newest seen: no move").isEqualTo(Watermark.NONE);
      assertThat(w.lateBound("transaction")).as("the refused batch, resent, is on time").isEqualTo(98_000);
      // Idle progress starts an idle timeout after the last admitted event (wall time 100 000),
      // not after the refusals, but stops at the oldest refused event while the hold lasts.
      assertThat(w.idleAdvance(109_999)).isEqualTo(Watermark.NONE);
      assertThat(w.idleAdvance(110_000)).as("held at the refused batch, not 105 000").isEqualTo(101_000);
      assertThat(w.idleAdvance(130_000)).isEqualTo(Watermark.NONE);
      assertThat(w.lateBound("transaction")).as("the refused batches are still on time").isEqualTo(101_000);
      // The hold ends REFUSAL_HOLD idle timeouts after the first refusal: the client may never come back.
      long end = 104_000 + Watermark.REFUSAL_HOLD * 10_000L;
      assertThat(w.idleAdvance(end - 1)).isEqualTo(Watermark.NONE);
      assertThat(w.idleAdvance(end)).isEqualTo(end - 5_000);
    } finally {
      w.lock().unlock();
    }
  }

  @Test
  void arrival_endsTheRefusalHold() {
    w.lock().lock();
    try {
      w.observe(100_000, 100_000);
      w.observeRefused(101_000, 100_500);
      w.observe(102_000, 101_000); // the refused batch (or another) got in
      assertThat(w.idleAdvance(111_000)).as("an idle timeout after the arrival, not held at 101 000").isEqualTo(111_000 - 5_000);
    } finally {
      w.lock().unlock();
    }
  }
}
