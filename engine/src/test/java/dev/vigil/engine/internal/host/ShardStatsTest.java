package dev.vigil.engine.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EntityStats;
import dev.vigil.engine.spi.EntityStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The write-behind of a shard's entity changes, on a clock the test moves. */
class ShardStatsTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final AdmissionGate gate = new AdmissionGate(100);
  private final EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry(), gate, 1);
  private final AtomicInteger processed = new AtomicInteger();
  private final CountingWriter writer = new CountingWriter();

  @Test
  void settle_beforeTheDelay_holdsTheWriteAndTheTickets_thenWritesOnceWhenDue() {
    ShardStats stats = withWriter(Optional.of(writer));
    stats.done(List.of(ticket(), ticket()));
    writer.unsaved = 3;
    stats.settle(0, metrics, false);
    assertThat(writer.flushes).isZero();
    assertThat(processed).as("tickets wait for the write").hasValue(0);
    long delay = TimeUnit.NANOSECONDS.toMillis(ShardStats.WRITE_BEHIND_NANOS);
    assertThat(stats.waitMillis(250)).as("an idle wait shorter than the delay").isEqualTo(250);
    assertThat(stats.waitMillis(5_000)).isEqualTo(delay + 1);

    now.addAndGet(600 * MS);
    stats.done(List.of(ticket()));
    writer.unsaved = 5;
    stats.settle(0, metrics, false);
    assertThat(writer.flushes).isZero();
    assertThat(stats.waitMillis(5_000)).as("the delay runs from the oldest unwritten item").isEqualTo(delay - 600 + 1);

    assertThat(stats.due()).isFalse();
    now.addAndGet((delay - 600) * MS);
    assertThat(stats.waitMillis(250)).isZero();
    assertThat(stats.due()).isTrue();
    stats.settle(0, metrics, false);
    assertThat(writer.flushes).isEqualTo(1);
    assertThat(processed).hasValue(3);
    assertThat(stats.waitMillis(250)).as("nothing pending").isEqualTo(250);
  }

  @Test
  void settle_manyChangedEntities_writesBeforeTheDelay() {
    ShardStats stats = withWriter(Optional.of(writer));
    stats.done(List.of(ticket()));
    writer.unsaved = ShardStats.WRITE_BEHIND_ENTITIES;
    stats.settle(0, metrics, false);
    assertThat(writer.flushes).isEqualTo(1);
    assertThat(processed).hasValue(1);
  }

  @Test
  void flush_writesAtOnce_evenWithNothingChanged() {
    ShardStats stats = withWriter(Optional.of(writer));
    stats.done(List.of(ticket()));
    stats.flush(0, metrics);
    assertThat(writer.flushes).isEqualTo(1);
    assertThat(processed).hasValue(1);
    assertThat(stats.waitMillis(250)).as("nothing pending").isEqualTo(250);
  }

  @Test
  void failedWrite_ticketsCompleteAnyway_changesGoWithTheNext() {
    ShardStats stats = withWriter(Optional.of(writer));
    writer.fail = true;
    writer.unsaved = 2;
    stats.done(List.of(ticket()));
    stats.flush(0, metrics);
    assertThat(processed).hasValue(1);
    assertThat(writer.unsaved).isEqualTo(2);
    writer.fail = false;
    stats.flush(0, metrics);
    assertThat(writer.unsaved).isZero();
  }

  @Test
  void withoutWriter_ticketsCompleteAtOnce() {
    ShardStats stats = withWriter(Optional.empty());
    stats.done(List.of(ticket()));
    assertThat(processed).hasValue(1);
    assertThat(stats.waitMillis(250)).as("nothing pending").isEqualTo(250);
  }

  private ShardStats withWriter(Optional<EntityStatistics.Writer> w) {
    ShardStats stats = new ShardStats(now::get);
    stats.folder(new StatsFolder(new WriterOnly(w), type -> Optional.empty(), 1, () -> 0), 1);
    return stats;
  }

  private Ticket ticket() {
    gate.tryAcquire(1);
    return new Ticket(1, gate, processed::incrementAndGet);
  }

  /** A writer that only counts its writes. */
  private static final class CountingWriter implements EntityStatistics.Writer {
    int unsaved;
    int flushes;
    boolean fail;

    @Override
    public EntityStatistics.Folded fold(EntityStatistics.Fold fold) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EntityStatistics.Peeked peek(EntityStatistics.Fold fold) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void add(EntityStatistics.Fold fold) {
      unsaved++;
    }

    @Override
    public void flush() {
      if (fail) {
        throw new IllegalStateException("disk full");
      }
      flushes++;
      unsaved = 0;
    }

    @Override
    public int unsaved() {
      return unsaved;
    }
  }

  /** Statistics that only hand out {@code writer}. */
  private record WriterOnly(Optional<EntityStatistics.Writer> writer) implements EntityStatistics {
    @Override
    public Optional<Writer> writer(int writers) {
      return writer;
    }

    @Override
    public EntityStats foldAndGetBefore(Fold fold) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void foldAll(List<Fold> folds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<EntityStats> get(String keyField, String key) {
      return Optional.empty();
    }

    @Override
    public Optional<EntityStats> read(String keyField, String key, long asOf, Map<String, ?> values) {
      return Optional.empty();
    }

    @Override
    public boolean running() {
      return true;
    }

    @Override
    public void close() {}
  }
}
