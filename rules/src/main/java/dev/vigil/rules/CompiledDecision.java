package dev.vigil.rules;

import java.util.List;

/**
 * One compiled decision block, ready for the engine's Drools backend.
 *
 * @param name the decision name ({@code decision <name>})
 * @param eventType the event type it decides ({@code on <type>})
 * @param by the entity key for statistics and alerts: the {@code by} field, else the type's first
 *     key field; null when the type has none
 * @param scores the score lines, in order; line {@code i} is rule {@code <name>.score.i} of the DRL
 * @param verdicts the verdict lines, in order; the last one is the {@code otherwise} fallback
 * @param drl the generated DRL (docs/dsl.md, "Generated DRL")
 * @param source the block's own text from the file
 */
public record CompiledDecision(
    String name, String eventType, String by, List<ScoreLine> scores, List<VerdictLine> verdicts, String drl,
    String source) {

  public CompiledDecision {
    scores = List.copyOf(scores);
    verdicts = List.copyOf(verdicts);
  }

  /** {@code score 40 "amount far above usual" when ...}; {@code condition} is the canonical text. */
  public record ScoreLine(int points, String label, String condition) {}

  /**
   * {@code review when score >= 50}; {@code condition} is null for {@code otherwise}.
   *
   * @param outcome {@code allow}, {@code review} or {@code block}
   */
  public record VerdictLine(String outcome, String condition) {}
}
