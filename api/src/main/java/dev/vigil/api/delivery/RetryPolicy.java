package dev.vigil.api.delivery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When to try again: exponential backoff with full jitter. Before attempt {@code n+1} (after
 * {@code n} failed attempts) wait a uniformly random time in {@code [0, min(maxDelay,
 * initialDelay * 2^(n-1))]}. {@code Retry-After} (seconds or an HTTP date) replaces it, capped at
 * {@code maxDelay}.
 */
public final class RetryPolicy {

  private final WebhookSettings settings;
  private final RandomGenerator random;

  public RetryPolicy(WebhookSettings settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  /** Whether another attempt follows {@code attemptsMade} failed ones. */
  public boolean hasMore(int attemptsMade) {
    return attemptsMade < settings.maxAttempts();
  }

  /** Milliseconds to wait after {@code attemptsMade} (>= 1) failed attempts. */
  public long delayMillis(int attemptsMade) {
    return (long) (random.nextDouble() * capMillis(attemptsMade));
  }

  /** The upper bound of {@link #delayMillis}. */
  public long capMillis(int attemptsMade) {
    long initial = settings.initialDelay().toMillis();
    long max = settings.maxDelay().toMillis();
    int shift = Math.min(Math.max(attemptsMade - 1, 0), 40);
    long cap = initial > (max >> shift) ? max : initial << shift;
    return Math.min(cap, max);
  }

  /** The wait a {@code Retry-After} value asks for, capped at maxDelay; {@code null} when unusable. */
  public Long retryAfterMillis(String header, long nowMillis) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    long wait;
    if (h.matches("\\d{1,10}")) {
      wait = Long.parseLong(h) * 1000;
    } else {
      try {
        wait = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() - nowMillis;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return Math.max(0, Math.min(wait, settings.maxDelay().toMillis()));
  }

  public Duration maxDelay() {
    return settings.maxDelay();
  }
}
