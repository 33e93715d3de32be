package dev.vigil.engine.internal.host;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the events admitted but not yet processed, across all shards: one permit per event,
 * taken before the event is journaled and returned when every shard delivery of it is done. A
 * batch that does not fit is refused whole, before anything is written, so overload never drops
 * an accepted event. Also lets callers wait for the engine to become idle.
 */
public final class AdmissionGate {

  private final int capacity;
  private final Semaphore permits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();

  public AdmissionGate(int capacity) {
    this.capacity = capacity;
    this.permits = new Semaphore(capacity);
  }

  /** Takes {@code n} permits if available now; never blocks. */
  public boolean tryAcquire(int n) {
    return n <= capacity && permits.tryAcquire(n);
  }

  public void release(int n) {
    if (n == 0) {
      return;
    }
    permits.release(n);
    if (permits.availablePermits() == capacity) {
      lock.lock();
      try {
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Events admitted (or being admitted) and not yet fully processed. */
  public long inFlight() {
    return capacity - permits.availablePermits();
  }

  public int capacity() {
    return capacity;
  }

  /** Waits until nothing is in flight; {@code false} on timeout. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (permits.availablePermits() != capacity) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
