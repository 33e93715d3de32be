package dev.vigil.engine;

/**
 * Receives alerts. The durable alert store is the first sink (rules' matches go to it); the api
 * module's log and NDJSON file sinks follow the store in order and take each alert id once.
 * Implementations called from several threads must be thread-safe.
 */
public interface AlertSink {

  /**
   * Takes one alert.
   *
   * @return {@code true} when the alert was new, {@code false} when its id was seen before
   */
  boolean accept(Alert alert);
}
