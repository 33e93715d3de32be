package dev.vigil.engine;

/**
 * The engine cannot take the batch now; nothing of it was accepted. Clients retry after {@link
 * #retryAfterSeconds()}. {@link #shuttingDown()} tells a full queue (429 at the API) from a node
 * that is stopping (503).
 */
public final class OverloadedException extends Exception {
  private final int retryAfterSeconds;
  private final boolean shuttingDown;
  private final boolean recovering;

  public OverloadedException(String message, int retryAfterSeconds) {
    this(message, retryAfterSeconds, false, false);
  }

  private OverloadedException(String message, int retryAfterSeconds, boolean shuttingDown, boolean recovering) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
    this.shuttingDown = shuttingDown;
    this.recovering = recovering;
  }

  /** The engine is still replaying its journal after a restart (503). */
  public static OverloadedException recovering(int retryAfterSeconds) {
    return new OverloadedException("engine is recovering", retryAfterSeconds, false, true);
  }

  public boolean recovering() {
    return recovering;
  }

  /** The engine is closing and takes no more events. */
  public static OverloadedException shuttingDown(int retryAfterSeconds) {
    return new OverloadedException("engine is shutting down", retryAfterSeconds, true, false);
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public boolean shuttingDown() {
    return shuttingDown;
  }
}
