package dev.vigil.engine;

import java.util.Locale;

/**
 * A webhook delivery's state: {@code pending → delivering → delivered}, or {@code delivering →
 * retrying → delivering …}, or {@code → failed} (dead letter).
 */
public enum DeliveryState {
  PENDING,
  DELIVERING,
  RETRYING,
  DELIVERED,
  FAILED;

  /** Whether no further attempt will be made (until a user retries or replays). */
  public boolean terminal() {
    return this == DELIVERED || this == FAILED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
