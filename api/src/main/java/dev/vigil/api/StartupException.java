package dev.vigil.api;

/**
 * A node could not start: bad configuration, a rule file that does not compile, a port in use, a
 * store that is locked or unreadable. The message is one line meant for the operator.
 */
public final class StartupException extends Exception {
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
