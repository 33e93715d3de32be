package dev.vigil.engine;

/** Wall-clock time source, replaceable in tests. */
@FunctionalInterface
public interface Clock {
  long millis();

  static Clock system() {
    return System::currentTimeMillis;
  }
}
