package dev.vigil.rules;

import java.util.List;

/**
 * The rules parse but do not make sense against the event schemas or limits (codes R20xx), or use
 * a construct that cannot be compiled yet (R30xx): fix names, types and clauses.
 */
public final class RuleValidationException extends RuleException {
  public RuleValidationException(String sourceName, String source, List<Diagnostic> diagnostics) {
    super(sourceName, source, diagnostics);
  }
}
