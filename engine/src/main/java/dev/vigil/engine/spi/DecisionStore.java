package dev.vigil.engine.spi;

import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import java.util.Optional;

/** Durable decision log, keyed by event id. */
public interface DecisionStore {

  /** Stores {@code d} unless a decision for its event id exists; returns the stored one. */
  Decision putIfAbsent(Decision d);

  Optional<Decision> get(String eventId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  DecisionPage query(DecisionQuery query);
}
