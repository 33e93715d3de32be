package dev.vigil.engine.testing;

import dev.vigil.engine.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock that only moves when told to; thread-safe. */
public final class ManualClock implements Clock {

  private final AtomicLong now;

  public ManualClock(long epochMillis) {
    this.now = new AtomicLong(epochMillis);
  }

  @Override
  public long millis() {
    return now.get();
  }

  public void set(long epochMillis) {
    now.set(epochMillis);
  }

  public void advance(Duration by) {
    now.addAndGet(by.toMillis());
  }
}
