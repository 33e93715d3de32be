package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;
import java.util.List;
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

  @Test
  void longLived_withAnOldGeneration_readsItsCurrentUse() {
    List<MemoryPoolMXBean> g1 = List.of(pool("G1 Eden Space", MemoryType.HEAP, 500, 0L),
        pool("G1 Old Gen", MemoryType.HEAP, 300, 100L), pool("Metaspace", MemoryType.NON_HEAP, 900, null));

    assertThat(HeapGuard.longLived(g1).getAsLong()).isEqualTo(300);
  }

  @Test
  void longLived_withoutAnOldGeneration_readsTheHeapAfterTheLastCollection() {
    // ZGC on JDK 17: one heap pool whose current use includes garbage not collected yet.
    List<MemoryPoolMXBean> zgc = List.of(pool("ZHeap", MemoryType.HEAP, 900, 200L),
        pool("Metaspace", MemoryType.NON_HEAP, 900, null));

    assertThat(HeapGuard.longLived(zgc).getAsLong()).isEqualTo(200);
  }

  private static MemoryPoolMXBean pool(String name, MemoryType type, long used, Long usedAfterGc) {
    return (MemoryPoolMXBean) Proxy.newProxyInstance(HeapGuardTest.class.getClassLoader(),
        new Class<?>[] {MemoryPoolMXBean.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getName" -> name;
          case "getType" -> type;
          case "getUsage" -> new MemoryUsage(0, used, used, -1);
          case "getCollectionUsage" -> usedAfterGc == null ? null : new MemoryUsage(0, usedAfterGc, used, -1);
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
