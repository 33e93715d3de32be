package dev.vigil.engine;

/** The durable store failed (I/O error, full disk). Nothing of the failed operation took effect. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
