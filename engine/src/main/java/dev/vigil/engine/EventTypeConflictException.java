package dev.vigil.engine;

/** A declaration clashes with an existing event type. */
public final class EventTypeConflictException extends Exception {
  public EventTypeConflictException(String message) {
    super(message);
  }
}
