package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.Node;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.samples.load.AlertSubscription;
import dev.vigil.samples.load.GroundTruth;
import dev.vigil.samples.load.Label;
import dev.vigil.samples.load.RateProfile;
import dev.vigil.samples.load.SendReport;
import dev.vigil.samples.load.SendSpec;
import dev.vigil.samples.load.Sender;
import dev.vigil.samples.load.StreamSpec;
import dev.vigil.samples.load.TransactionStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator for a few seconds against a real node running the bundled sample rules,
 * with its webhook receiver subscribed: every event is accepted once, none is late, and every
 * injected fraud scenario is caught by the rules expected to catch it. No speed is asserted.
 */
class LoadGeneratorIT {
  static final String ADMIN_KEY = "loadgen-it-admin-key-0123456789";
  @TempDir Path dir;

  @Test
  void openLoop_fewSeconds_everyEventAcceptedAndEveryScenarioAlerted() throws Exception {
    try (Node node = startNode(dir)) {
      URI base = URI.create("http://127.0.0.1:" + node.port());
      // Scenarios squeezed 20 times (at most ~5 s of event time each), many of them, and users
      // that pay at most once a second: a few seconds of 400 events/s exercise every scenario.
      StreamSpec spec = new StreamSpec(7, "it", 2_000, 50, 0.6, 1.0, 1_000, 300, 0.01, 0.05);
      long start = System.currentTimeMillis();
      RateProfile profile = RateProfile.parse("400:8", 8);
      TransactionStream stream = new TransactionStream(spec, Sender.openLoopClock(start, profile));
      stream.stopInjectingAt(start + 8_000 - spec.maxScenarioSpanMillis() - spec.maxDisorderMillis());
      GroundTruth truth = new GroundTruth();
      SendReport report;
      try (AlertSubscription alerts = AlertSubscription.open(base, ADMIN_KEY, "127.0.0.1", 0, truth)) {
        SendSpec send = new SendSpec(base, ADMIN_KEY, 2, 50, profile, 0, Duration.ZERO, Duration.ZERO);
        report = new Sender(send, stream, start, truth::sent, quiet()).run();

        assertThat(report.failures()).isZero();
        assertThat(report.sent()).isPositive();
        assertThat(report.accepted()).isEqualTo(report.sent());
        assertThat(report.duplicates()).isZero();
        assertThat(report.late()).isZero();
        assertThat(report.rejected()).isZero();
        List<Label> scenarios = stream.completedLabels();
        assertThat(scenarios).extracting(Label::scenario).hasSizeGreaterThan(5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          for (Label l : scenarios) {
            for (String rule : l.expectedRules()) {
              assertThat(truth.detected(l, rule)).as("%s alerted on %s", rule, l.toJson()).isTrue();
            }
          }
        });
      }
      assertThat(truth.latencyMicros().getTotalCount()).isPositive();
    }
  }

  static Node startNode(Path dataDir) throws Exception {
    Map<String, String> env = Map.of(
        "VIGIL_HTTP_HOST", "127.0.0.1",
        "VIGIL_HTTP_PORT", "0",
        "VIGIL_DATA_DIR", dataDir.resolve("data").toString(),
        "VIGIL_ENGINE_SHARDS", "2",
        "VIGIL_ENGINE_DURABILITY", "batch",
        // Default lateness (5 s): the stream's disorder (300 ms) stays well within it. Quick idle
        // progress so the last events are evaluated soon after the run.
        "VIGIL_ENGINE_IDLE_TIMEOUT", "200ms",
        "VIGIL_WEBHOOK_ALLOWLIST", "127.0.0.1",
        "VIGIL_ADMIN_KEY", ADMIN_KEY);
    return Node.start(VigilConfig.fromEnv(env), new PrintStream(OutputStream.nullOutputStream()));
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }
}
