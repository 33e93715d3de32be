package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  @Test
  void nextBatch_sameSeed_sameEvents() {
    EventGenerator a = new EventGenerator(7, "t", 100, 1_000L, 10);
    EventGenerator b = new EventGenerator(7, "t", 100, 1_000L, 10);
    assertThat(a.nextBatch(50)).isEqualTo(b.nextBatch(50));
  }

  @Test
  void nextLine_idsAndTimestamps_advance() {
    EventGenerator g = new EventGenerator(1, "p", 10, 5_000L, 10);
    assertThat(g.nextLine()).contains("\"event_id\":\"p-0\"").contains("\"timestamp\":5000");
    assertThat(g.nextLine()).contains("\"event_id\":\"p-1\"").contains("\"timestamp\":5010");
  }
}
