package dev.vigil.engine.internal.drools;

/**
 * A score line that held, inserted by its rule's consequence; the total rule sums these.
 *
 * @param line the index of the score line in its decision
 * @param points its points
 */
public record Reason(int line, int points) {
  /** For the accumulate {@code Reason( $p : points )}. */
  public int getPoints() {
    return points;
  }
}
