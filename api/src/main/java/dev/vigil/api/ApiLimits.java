package dev.vigil.api;

import java.time.Duration;

/**
 * Limits the HTTP API enforces on request bodies; also the {@code limits.*} section of a node's
 * configuration ({@code VigilConfig.limits()}). Every limit is finite; {@link #defaults()}
 * gives values that fit fraud-event traffic with a wide margin.
 *
 * @param maxBodyBytes largest request body; larger bodies get {@code 413 body-too-large}
 * @param maxBatchEvents most events in one request; more get {@code 413 batch-too-large} before
 *     any event is processed
 * @param maxEventBytes largest single event (its bytes in the body); a larger event is rejected as
 *     an item, the rest of the batch is processed
 * @param maxDepth deepest JSON nesting counted from the body's root (a batch array is level 1);
 *     deeper bodies are a {@code 400}, deeper NDJSON lines a per-item error
 * @param maxStringLength longest JSON string (and object key), in characters
 * @param maxNumberLength longest JSON number literal, in characters
 * @param maxFutureSkew how far in the future (server wall clock) an event timestamp may be
 * @param maxEventIdLength longest {@code event_id}, in characters
 * @param maxPendingRequests most ingest requests, and separately most decision requests, waiting
 *     for or running on a worker thread at once; one more is answered {@code 429 overloaded} with
 *     {@code Retry-After} at once instead of waiting behind them (so a decision is never answered
 *     seconds late, and the bodies held waiting are bounded by this many times {@code maxBodyBytes})
 */
public record ApiLimits(
    long maxBodyBytes,
    int maxBatchEvents,
    int maxEventBytes,
    int maxDepth,
    int maxStringLength,
    int maxNumberLength,
    Duration maxFutureSkew,
    int maxEventIdLength,
    int maxPendingRequests) {

  public ApiLimits {
    positive(maxBodyBytes, "maxBodyBytes");
    positive(maxBatchEvents, "maxBatchEvents");
    positive(maxEventBytes, "maxEventBytes");
    positive(maxDepth, "maxDepth");
    positive(maxStringLength, "maxStringLength");
    positive(maxNumberLength, "maxNumberLength");
    positive(maxEventIdLength, "maxEventIdLength");
    positive(maxPendingRequests, "maxPendingRequests");
    if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must be >= 0");
    }
  }

  /**
   * 10 MiB bodies, 10 000 events per batch, 64 KiB per event, depth 32, 64 Ki-character strings,
   * 100-character numbers, 5 minutes of future skew, 256-character event ids, 128 pending requests.
   */
  public static ApiLimits defaults() {
    return new ApiLimits(
        10L * 1024 * 1024, 10_000, 64 * 1024, 32, 64 * 1024, 100, Duration.ofMinutes(5), 256, 128);
  }

  public ApiLimits withMaxBodyBytes(long v) {
    return new ApiLimits(v, maxBatchEvents, maxEventBytes, maxDepth, maxStringLength,
        maxNumberLength, maxFutureSkew, maxEventIdLength, maxPendingRequests);
  }

  public ApiLimits withMaxBatchEvents(int v) {
    return new ApiLimits(maxBodyBytes, v, maxEventBytes, maxDepth, maxStringLength,
        maxNumberLength, maxFutureSkew, maxEventIdLength, maxPendingRequests);
  }

  public ApiLimits withMaxEventBytes(int v) {
    return new ApiLimits(maxBodyBytes, maxBatchEvents, v, maxDepth, maxStringLength,
        maxNumberLength, maxFutureSkew, maxEventIdLength, maxPendingRequests);
  }

  public ApiLimits withMaxPendingRequests(int v) {
    return new ApiLimits(maxBodyBytes, maxBatchEvents, maxEventBytes, maxDepth, maxStringLength,
        maxNumberLength, maxFutureSkew, maxEventIdLength, v);
  }

  private static void positive(long v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1");
    }
  }
}
