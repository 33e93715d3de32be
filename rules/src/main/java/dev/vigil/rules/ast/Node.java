package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;

/** Every syntax tree node knows where it came from. */
public interface Node {
  SourceSpan span();
}
