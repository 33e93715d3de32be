package dev.vigil.engine.bench;

import dev.vigil.engine.Engine;
import dev.vigil.engine.Event;
import dev.vigil.engine.OverloadedException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** How the benchmarks feed the engine. */
final class Ingest {

  private Ingest() {}

  /**
   * Ingests one batch; while the engine is full, waits 1 ms between attempts (as a client waits
   * out a 429) instead of spinning: on two cores a spinning producer took a tenth of the shards'
   * CPU, retrying refused batches.
   */
  static void retrying(Engine engine, List<Event> batch) {
    while (true) {
      try {
        engine.ingest(batch);
        return;
      } catch (OverloadedException e) {
        LockSupport.parkNanos(1_000_000);
      }
    }
  }
}
