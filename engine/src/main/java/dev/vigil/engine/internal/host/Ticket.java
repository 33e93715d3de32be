package dev.vigil.engine.internal.host;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks the shard deliveries of one admitted event; when the last delivery is done the event's
 * admission permit is returned and its completion callback runs (the applied checkpoint).
 */
final class Ticket {
  private final AtomicInteger remaining;
  private final AdmissionGate gate;
  private final Runnable whenProcessed;

  Ticket(int deliveries, AdmissionGate gate, Runnable whenProcessed) {
    this.remaining = new AtomicInteger(deliveries);
    this.gate = gate;
    this.whenProcessed = whenProcessed;
  }

  void done() {
    if (remaining.decrementAndGet() == 0) {
      whenProcessed.run();
      gate.release(1);
    }
  }
}
