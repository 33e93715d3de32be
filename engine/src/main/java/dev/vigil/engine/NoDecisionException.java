package dev.vigil.engine;

/** No decision is deployed for the event's type (or no decision set at all). */
public final class NoDecisionException extends Exception {
  public NoDecisionException(String message) {
    super(message);
  }
}
