package dev.vigil.engine.internal.host;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks the shard deliveries of one admitted event; the event's admission permit is returned
 * when the last delivery is done.
 */
final class Ticket {
  private final AtomicInteger remaining;
  private final AdmissionGate gate;

  Ticket(int deliveries, AdmissionGate gate) {
    this.remaining = new AtomicInteger(deliveries);
    this.gate = gate;
  }

  void done() {
    if (remaining.decrementAndGet() == 0) {
      gate.release(1);
    }
  }
}
