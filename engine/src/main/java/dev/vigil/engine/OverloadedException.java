package dev.vigil.engine;

/**
 * The engine cannot take the batch now; nothing of it was accepted. Clients retry after {@link
 * #retryAfterSeconds()}.
 */
public final class OverloadedException extends Exception {
  private final int retryAfterSeconds;

  public OverloadedException(String message, int retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
