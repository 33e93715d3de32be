package dev.vigil.engine;

import java.util.List;

/** One page of the decision log; {@code nextCursor} is null on the last page. */
public record DecisionPage(List<Decision> items, String nextCursor) {
  public DecisionPage {
    items = List.copyOf(items);
  }
}
