package dev.vigil.engine;

/** An operator rule file does not compile; the message names file, line and reason. */
public final class RuleLoadException extends Exception {
  public RuleLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
