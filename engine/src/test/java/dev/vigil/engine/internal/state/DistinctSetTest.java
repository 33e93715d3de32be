package dev.vigil.engine.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctSetTest {

  @Test
  void fullSet_withinOneDay_keepsTheMostRecentValues() {
    DistinctSet d = new DistinctSet();
    for (int i = 0; i < 200; i++) {
      d.add(Hll.hash("m" + i), 0);
    }
    for (int i = 0; i < 200; i++) {
      boolean recent = i >= 200 - DistinctSet.CAPACITY;
      assertThat(d.indexOf(Hll.hash("m" + i)) >= 0).as("m%d held", i).isEqualTo(recent);
    }
  }

  /**
   * Against the truth of a random stream over 200 days with bursts of new values: the window count
   * is exact while fewer than {@link DistinctSet#CAPACITY} values were seen in the window, a value
   * held has its true last day, and a value dropped is never more recent than one held.
   */
  @Test
  void randomStream_keepsTheGuarantees() {
    Random random = new Random(7);
    for (int run = 0; run < 20; run++) {
      DistinctSet d = new DistinctSet();
      Map<Long, Integer> lastSeen = new HashMap<>();
      int day = 0;
      int values = 20 + random.nextInt(300);
      for (int n = 0; n < 5_000; n++) {
        if (random.nextInt(40) == 0) {
          day += 1 + random.nextInt(random.nextBoolean() ? 2 : 20);
        }
        long h = Hll.hash("v" + (random.nextInt(4) == 0 ? random.nextInt(values) : random.nextInt(Math.max(1, values / 10))));
        d.add(h, day * Buckets.DAY + random.nextInt(1000));
        lastSeen.put(h, day);
        int oldestHeld = Integer.MAX_VALUE;
        for (int i = 0; i < d.hashes.length; i++) {
          assertThat(d.days[i]).isEqualTo(lastSeen.get(d.hashes[i]));
          oldestHeld = Math.min(oldestHeld, d.days[i]);
        }
        final int finalDay = day;
        long truth = lastSeen.values().stream().filter(s -> s > finalDay - DistinctSet.WINDOW_DAYS).count();
        if (truth < DistinctSet.CAPACITY) {
          assertThat(d.window(day * Buckets.DAY)).as("run %d event %d", run, n).isEqualTo((int) truth);
        }
        for (Map.Entry<Long, Integer> e : lastSeen.entrySet()) {
          if (d.indexOf(e.getKey()) < 0) {
            assertThat(e.getValue()).as("a dropped value is not newer than the oldest held").isLessThanOrEqualTo(oldestHeld);
          }
        }
      }
    }
  }
}
