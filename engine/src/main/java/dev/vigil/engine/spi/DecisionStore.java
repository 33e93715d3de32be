package dev.vigil.engine.spi;

import dev.vigil.engine.Decision;
import dev.vigil.engine.DecisionPage;
import dev.vigil.engine.DecisionQuery;
import dev.vigil.engine.Delivery;
import java.util.List;
import java.util.Optional;

/** Durable decision log, keyed by event id. */
public interface DecisionStore {

  /**
   * Stores {@code d} unless a decision for its event id exists; returns the stored one. When
   * {@code d} is stored, {@code outbox} (its webhook deliveries) is written in the same atomic
   * write and then announced to the deliveries' listener; otherwise it is dropped.
   */
  Decision putIfAbsent(Decision d, List<Delivery> outbox);

  /** A decision to store with its webhook deliveries. */
  record Entry(Decision decision, List<Delivery> outbox) {}

  /**
   * {@link #putIfAbsent(Decision, List)} for several decisions in one write (the group commit of
   * concurrent decision requests); returns the stored decision per entry, in order. A repeated
   * event id within {@code entries} keeps its first decision. The default stores them one by one.
   */
  default List<Decision> putAllIfAbsent(List<Entry> entries) {
    return entries.stream().map(e -> putIfAbsent(e.decision(), e.outbox())).toList();
  }

  /** {@link #putIfAbsent(Decision, List)} without deliveries. */
  default Decision putIfAbsent(Decision d) {
    return putIfAbsent(d, List.of());
  }

  Optional<Decision> get(String eventId);

  /** @throws IllegalArgumentException when the cursor is malformed */
  DecisionPage query(DecisionQuery query);
}
