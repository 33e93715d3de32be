package dev.vigil.engine;

/** A rule change through the {@link RuleCatalog} was refused; nothing changed. */
public final class RuleChangeException extends Exception {

  /** Why. */
  public enum Reason {
    /** No such rule, or no such version. */
    NOT_FOUND,
    /** The rule comes from the rules directory; change the file instead. */
    READ_ONLY,
    /** The request contradicts the stored state (e.g. a version clause not above the latest). */
    CONFLICT,
    /** The request is malformed (e.g. not exactly one rule, or the id differs from the rule's name). */
    INVALID
  }

  private final Reason reason;

  public RuleChangeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
