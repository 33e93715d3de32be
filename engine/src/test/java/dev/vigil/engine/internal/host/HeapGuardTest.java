package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapGuardTest {

  @Test
  void over_followsTheLongLivedHeapAcrossTheLimit() {
    AtomicLong used = new AtomicLong(800);
    HeapGuard guard = new HeapGuard(0.85, used::get, 1_000);
    assertThat(guard.over()).isFalse();
    used.set(851);
    assertThat(guard.over()).isTrue();
    used.set(850);
    assertThat(guard.over()).isFalse();
    assertThat(guard.limitBytes()).isEqualTo(850);
  }

  @Test
  void zeroLimit_neverRefuses() {
    assertThat(new HeapGuard(0, () -> Long.MAX_VALUE, 1_000).over()).isFalse();
  }

  @Test
  void limitOutsideZeroToOne_isRefused() {
    assertThatThrownBy(() -> new HeapGuard(1.5, () -> 0, 1_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HeapGuard(-0.1, () -> 0, 1_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
