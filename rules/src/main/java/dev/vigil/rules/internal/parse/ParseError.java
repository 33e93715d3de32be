package dev.vigil.rules.internal.parse;

/** Unwinds the parser to the nearest recovery point; the diagnostic is already reported. */
final class ParseError extends RuntimeException {
  ParseError() {
    super(null, null, false, false);
  }
}
