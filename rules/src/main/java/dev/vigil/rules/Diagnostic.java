package dev.vigil.rules;

import java.util.List;
import java.util.Objects;

/**
 * One problem found in rule source.
 *
 * @param code stable code, e.g. {@code R2002}
 * @param severity whether it stops compilation
 * @param message what was expected and what was found, e.g. {@code unknown field 'amout' of
 *     event type 'transaction'}
 * @param span where; see {@link SourceSpan} for the position convention
 * @param hint how to fix it, or {@code null}
 * @param notes related places, e.g. where an unclosed {@code (} was opened
 */
public record Diagnostic(
    DiagnosticCode code, Severity severity, String message, SourceSpan span, String hint, List<Note> notes) {

  /** Errors stop compilation; warnings do not. */
  public enum Severity {
    ERROR,
    WARNING;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A secondary place that explains the diagnostic. */
  public record Note(SourceSpan span, String message) {}

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public static Diagnostic error(DiagnosticCode code, SourceSpan span, String message) {
    return new Diagnostic(code, Severity.ERROR, message, span, null, List.of());
  }

  public Diagnostic withHint(String text) {
    return new Diagnostic(code, severity, message, span, text, notes);
  }

  public Diagnostic withNote(SourceSpan where, String text) {
    List<Note> more = new java.util.ArrayList<>(notes);
    more.add(new Note(where, text));
    return new Diagnostic(code, severity, message, span, hint, more);
  }

  public Diagnostic asWarning() {
    return new Diagnostic(code, Severity.WARNING, message, span, hint, notes);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One-line form: {@code 14:27: error[R1012]: message}. */
  @Override
  public String toString() {
    return span.line() + ":" + span.column() + ": " + severity.label() + "[" + code.code() + "]: " + message;
  }
}
