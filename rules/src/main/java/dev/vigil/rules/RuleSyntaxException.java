package dev.vigil.rules;

import java.util.List;

/** The text is not well-formed rule syntax (codes R10xx): fix spelling and punctuation. */
public final class RuleSyntaxException extends RuleException {
  public RuleSyntaxException(String sourceName, String source, List<Diagnostic> diagnostics) {
    super(sourceName, source, diagnostics);
  }
}
