package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.Node;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real node: every generated event is accepted exactly once. */
class LoadGeneratorIT {
  @TempDir Path dir;

  @Test
  void run_smallLoad_everyEventAcceptedOnce() throws Exception {
    try (Node node = SampleScenariosIT.startNode(dir)) {
      LoadGenerator.Result r = LoadGenerator.run(URI.create("http://127.0.0.1:" + node.port()),
          SampleScenariosIT.ADMIN_KEY, 3_000, 250, 2, 200, 1, "lg", Duration.ofMinutes(2));
      assertThat(r.failures()).isZero();
      assertThat(r.events()).isEqualTo(3_000);
      assertThat(r.accepted()).isEqualTo(3_000);
      // Re-sending the same seed and prefix is all duplicates: nothing is processed twice.
      LoadGenerator.Result again = LoadGenerator.run(URI.create("http://127.0.0.1:" + node.port()),
          SampleScenariosIT.ADMIN_KEY, 3_000, 250, 2, 200, 1, "lg", Duration.ofMinutes(2));
      assertThat(again.accepted()).isZero();
      assertThat(again.duplicates()).isEqualTo(3_000);
      assertThat(node.engine().awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
  }
}
