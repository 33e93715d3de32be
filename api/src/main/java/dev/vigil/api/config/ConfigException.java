package dev.vigil.api.config;

/**
 * The configuration cannot be used: an unknown key, a value that does not parse or is out of
 * range, a file that cannot be read. The message names the key, where its value came from and why
 * it was rejected, so that it can be shown to the operator as is.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
