package dev.vigil.engine.internal.drools;

import java.util.BitSet;

/**
 * The fact a decision request inserts: the event (through {@link Facts}'s typed accessors) and
 * the per-request outcome that consequences write to. One instance per request, never shared,
 * so a session cannot see another request's state.
 */
public final class DecisionInput extends Facts {

  private final String decision;
  private final Inputs inputs;
  private final BitSet reasons = new BitSet();
  private final BitSet verdicts = new BitSet();

  public DecisionInput(String decision, Inputs inputs) {
    this.decision = decision;
    this.inputs = inputs;
  }

  @Override
  public String getDecision() {
    return decision;
  }

  @Override
  public Object field(String name) {
    return inputs.field(name);
  }

  @Override
  public Object stat(String function, String field, long horizonMillis) {
    return inputs.stat(function, field, horizonMillis);
  }

  @Override
  public Boolean seen(String field, long horizonMillis) {
    return inputs.seen(field, horizonMillis);
  }

  @Override
  public Boolean alerted(String ruleId, long horizonMillis) {
    return inputs.alerted(ruleId, horizonMillis);
  }

  /** Consequence of score line {@code line}: records it and returns the fact to insert. */
  public Reason reason(int line, int points) {
    synchronized (reasons) {
      reasons.set(line);
    }
    return new Reason(line, points);
  }

  /** Consequence of verdict line {@code line}. */
  public void verdict(int line) {
    synchronized (verdicts) {
      verdicts.set(line);
    }
  }

  /** The score lines that held. */
  public BitSet reasons() {
    synchronized (reasons) {
      return (BitSet) reasons.clone();
    }
  }

  /** The verdict lines that held. */
  public BitSet verdicts() {
    synchronized (verdicts) {
      return (BitSet) verdicts.clone();
    }
  }

  /** What a decision may read, for one request. */
  public interface Inputs {
    Object field(String name);

    Object stat(String function, String field, long horizonMillis);

    Boolean seen(String field, long horizonMillis);

    Boolean alerted(String ruleId, long horizonMillis);
  }
}
