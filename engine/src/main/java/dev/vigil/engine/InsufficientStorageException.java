package dev.vigil.engine;

/**
 * The store has reached its configured disk budget ({@code EngineConfig.maxDiskBytes}) or the disk
 * is full: nothing of the batch was written. Clients retry after {@link #retryAfterSeconds()}, when
 * journal retention or the operator freed space (HTTP 507).
 */
public final class InsufficientStorageException extends RuntimeException {
  private final int retryAfterSeconds;

  public InsufficientStorageException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
