/**
 * Vigil's rule language: schemas, the compiler facade and its diagnostics.
 *
 * <p>{@link dev.vigil.rules.RuleCompiler} parses, checks and compiles rule files to EPL; problems
 * come back as {@link dev.vigil.rules.Diagnostic}s with stable {@link
 * dev.vigil.rules.DiagnosticCode}s and {@link dev.vigil.rules.SourceSpan}s (offset 0-based, line
 * and column 1-based). The language is described in docs/dsl.md. The syntax tree is in {@code
 * dev.vigil.rules.ast}; everything under {@code internal} may change without notice.
 */
package dev.vigil.rules;
