package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.rules.schema.EventType;
import java.util.List;

/** Compiles operator rule files for one CEP library (today Esper). */
public interface RuleBackend {

  /**
   * Compiles every rule of every file against the known event types. All-or-nothing: any error
   * fails the whole load.
   *
   * @throws RuleLoadException naming {@code file:line} and the reason
   */
  RuleSet compile(List<RuleFile> files, List<EventType> types) throws RuleLoadException;
}
