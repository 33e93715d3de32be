package dev.vigil.api.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered. Config keys {@code webhooks.*}; the allowlist also comes from
 * {@code VIGIL_WEBHOOK_ALLOWLIST} (comma-separated host names and CIDRs).
 *
 * @param allowlist host names (exact, case-insensitive) and CIDRs that pass the SSRF guard and may
 *     use plain {@code http}
 * @param timeout connect timeout, and longest silence while waiting for the answer
 * @param maxAttempts attempts before a delivery is dead-lettered
 * @param initialDelay backoff cap before the second attempt; doubles per attempt
 * @param maxDelay largest wait between attempts (also caps {@code Retry-After})
 * @param maxInFlight requests in flight per subscription
 * @param disableAfter a subscription failing without a success this long is disabled
 * @param rescanInterval how often the outbox is rescanned for work a notification missed
 * @param rotationOverlap default time an old secret keeps signing after a rotation
 * @param maxQueued deliveries a subscription holds in memory; more wait in the store for a rescan
 * @param trustPem a PEM file of the CA certificates that sign receivers' certificates, replacing
 *     the JVM's default trust store (e.g. a private CA); {@code null} = the JVM's defaults
 */
public record WebhookSettings(
    List<String> allowlist,
    Duration timeout,
    int maxAttempts,
    Duration initialDelay,
    Duration maxDelay,
    int maxInFlight,
    Duration disableAfter,
    Duration rescanInterval,
    Duration rotationOverlap,
    int maxQueued,
    java.nio.file.Path trustPem) {

  /** Settings trusting the JVM's default CAs. */
  public WebhookSettings(List<String> allowlist, Duration timeout, int maxAttempts, Duration initialDelay,
      Duration maxDelay, int maxInFlight, Duration disableAfter, Duration rescanInterval, Duration rotationOverlap,
      int maxQueued) {
    this(allowlist, timeout, maxAttempts, initialDelay, maxDelay, maxInFlight, disableAfter, rescanInterval,
        rotationOverlap, maxQueued, null);
  }

  public WebhookSettings {
    allowlist = List.copyOf(allowlist);
    if (maxAttempts < 1 || maxInFlight < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("maxAttempts, maxInFlight and maxQueued must be >= 1");
    }
  }

  /** 15 s timeout, 12 attempts from 5 min doubling up to 8 h (about a day), 4 in flight, disable after 3 days. */
  public static WebhookSettings defaults() {
    return new WebhookSettings(List.of(), Duration.ofSeconds(15), 12, Duration.ofMinutes(5), Duration.ofHours(8), 4,
        Duration.ofDays(3), Duration.ofMinutes(1), Duration.ofHours(24), 10_000);
  }

  public WebhookSettings withAllowlist(List<String> entries) {
    return new WebhookSettings(entries, timeout, maxAttempts, initialDelay, maxDelay, maxInFlight, disableAfter,
        rescanInterval, rotationOverlap, maxQueued, trustPem);
  }

  public WebhookSettings withTrustPem(java.nio.file.Path pem) {
    return new WebhookSettings(allowlist, timeout, maxAttempts, initialDelay, maxDelay, maxInFlight, disableAfter,
        rescanInterval, rotationOverlap, maxQueued, pem);
  }

  /** Parses {@code VIGIL_WEBHOOK_ALLOWLIST}: comma-separated, blanks ignored. */
  public static List<String> parseAllowlist(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
