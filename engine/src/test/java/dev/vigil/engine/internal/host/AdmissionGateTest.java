package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {

  @Test
  void tryAcquire_beyondCapacity_refusedWholeBatch() {
    AdmissionGate gate = new AdmissionGate(3);
    assertThat(gate.tryAcquire(4)).isFalse();
    assertThat(gate.tryAcquire(2)).isTrue();
    assertThat(gate.tryAcquire(2)).isFalse();
    assertThat(gate.inFlight()).isEqualTo(2);
    assertThat(gate.tryAcquire(1)).isTrue();
  }

  @Test
  void awaitIdle_busy_timesOutThenWakesOnRelease() throws Exception {
    AdmissionGate gate = new AdmissionGate(3);
    gate.tryAcquire(2);
    assertThat(gate.awaitIdle(Duration.ofMillis(20))).isFalse();
    CompletableFuture<Boolean> idle =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.awaitIdle(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    gate.release(1);
    assertThat(gate.inFlight()).isEqualTo(1);
    gate.release(1);
    assertThat(idle.get(30, TimeUnit.SECONDS)).isTrue();
  }
}
