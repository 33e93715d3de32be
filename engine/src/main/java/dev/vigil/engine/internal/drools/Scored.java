package dev.vigil.engine.internal.drools;

/**
 * The fact the total rule inserts once every score line has fired: the same reads as the
 * {@link DecisionInput} plus {@link #score()}, for verdict lines.
 */
public final class Scored extends Facts {

  private final DecisionInput input;
  private final int score;

  public Scored(DecisionInput input, Number score) {
    this.input = input;
    this.score = score == null ? 0 : score.intValue();
  }

  public Long score() {
    return (long) score;
  }

  public DecisionInput input() {
    return input;
  }

  @Override
  public String getDecision() {
    return input.getDecision();
  }

  @Override
  public Object field(String name) {
    return input.field(name);
  }

  @Override
  public Object stat(String function, String field, long horizonMillis) {
    return input.stat(function, field, horizonMillis);
  }

  @Override
  public Boolean seen(String field, long horizonMillis) {
    return input.seen(field, horizonMillis);
  }

  @Override
  public Boolean alerted(String ruleId, long horizonMillis) {
    return input.alerted(ruleId, horizonMillis);
  }

  /** Consequence of verdict line {@code line}. */
  public void verdict(int line) {
    input.verdict(line);
  }
}
