package dev.vigil.samples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {

  @Test
  void probability_exponentOne_inverseToRank() {
    Zipf z = new Zipf(100, 1.0);
    assertThat(z.probability(0) / z.probability(9)).isCloseTo(10.0, within(1e-9));
    double sum = 0;
    for (int k = 0; k < 100; k++) {
      sum += z.probability(k);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void sample_manyDraws_frequenciesFollowProbabilities() {
    Zipf z = new Zipf(50, 1.2);
    SplittableRandom random = new SplittableRandom(3);
    int[] counts = new int[50];
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts[z.sample(random)]++;
    }
    for (int k : new int[] {0, 1, 5, 20, 49}) {
      assertThat(counts[k] / (double) n).as("rank %d", k).isCloseTo(z.probability(k), within(0.005));
    }
  }

  @Test
  void sample_exponentZero_uniform() {
    Zipf z = new Zipf(4, 0);
    assertThat(z.probability(0)).isCloseTo(0.25, within(1e-12));
    assertThat(z.probability(3)).isCloseTo(0.25, within(1e-12));
  }
}
