package dev.vigil.engine.spi;

import dev.vigil.engine.RuleHistory;
import java.util.List;

/** Durable storage of the rules deployed through the API, one record per rule id with every version. */
public interface RuleStore {
  /** Every stored rule, by id. */
  List<RuleHistory> loadAll();

  /** Stores (replaces) a rule's record. */
  void save(RuleHistory rule);
}
