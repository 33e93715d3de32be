package dev.vigil.rules;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: a syntax tree as text without positions, to compare trees ignoring spans. */
public final class Structure {

  private Structure() {}

  public static String of(Object node) {
    if (node instanceof SourceSpan) {
      return "";
    }
    if (node instanceof List<?> list) {
      return list.stream().map(Structure::of).collect(Collectors.joining(", ", "[", "]"));
    }
    if (node instanceof Record r) {
      StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('(');
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getType() == SourceSpan.class) {
          continue;
        }
        try {
          sb.append(c.getName()).append('=').append(of(c.getAccessor().invoke(r))).append(' ');
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return sb.append(')').toString();
    }
    return String.valueOf(node);
  }
}
