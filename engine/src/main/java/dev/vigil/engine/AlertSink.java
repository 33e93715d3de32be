package dev.vigil.engine;

/** Receives alerts as rules match. Implementations must be thread-safe. */
public interface AlertSink {

  /**
   * Takes one alert.
   *
   * @return {@code true} when the alert was new, {@code false} when its id was seen before
   */
  boolean accept(Alert alert);
}
