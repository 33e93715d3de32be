package dev.vigil.rules.internal;

import dev.vigil.rules.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one compilation; every phase reports here instead of throwing. */
public final class Reporter {

  private final List<Diagnostic> diagnostics = new ArrayList<>();

  public void report(Diagnostic d) {
    diagnostics.add(d);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Diagnostics in source order (stable for equal positions). */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort((a, b) -> Integer.compare(a.span().offset(), b.span().offset()));
    return List.copyOf(sorted);
  }
}
