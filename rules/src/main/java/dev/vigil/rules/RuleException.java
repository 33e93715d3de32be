package dev.vigil.rules;

import java.util.List;

/** A rule file that cannot be compiled; {@link #diagnostics()} lists every problem found. */
public abstract sealed class RuleException extends Exception permits RuleSyntaxException, RuleValidationException {

  private final String sourceName;
  private final String source;
  private final List<Diagnostic> diagnostics;

  RuleException(String sourceName, String source, List<Diagnostic> diagnostics) {
    super(summary(sourceName, diagnostics));
    this.sourceName = sourceName;
    this.source = source;
    this.diagnostics = List.copyOf(diagnostics);
  }

  private static String summary(String name, List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    String first = diagnostics.stream().filter(Diagnostic::isError).findFirst().map(Diagnostic::toString).orElse("");
    return name + ":" + first + (errors > 1 ? " (and " + (errors - 1) + " more)" : "");
  }

  public String sourceName() {
    return sourceName;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Every diagnostic rendered with source lines and carets, see {@link DiagnosticRenderer}. */
  public String render() {
    return DiagnosticRenderer.render(sourceName, source, diagnostics);
  }
}
