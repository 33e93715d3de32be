package dev.vigil.engine;

import dev.vigil.rules.RuleException;
import java.util.List;
import java.util.Optional;

/**
 * The node's rules and their versions, and the way to change them without a restart. Changes are
 * atomic: the new rule is compiled first (a bad rule never replaces a good one), the version is
 * stored durably, then every shard swaps the rule between two events; other rules keep their
 * state. Rules from the rules directory are listed but read-only.
 */
public interface RuleCatalog {

  /** Every rule that is not deleted: file rules first, then API rules by id. */
  List<RuleHistory> list();

  Optional<RuleHistory> get(String id);

  /**
   * Deploys {@code source} (exactly one rule named {@code id}, plus any event types it declares)
   * as the rule's next version, enabled.
   *
   * @return the history with the new version active; unchanged when {@code source} equals the
   *     running version
   * @throws RuleException when the source does not compile (every diagnostic)
   * @throws RuleChangeException INVALID (not one rule, other id), READ_ONLY, CONFLICT
   */
  Change deploy(String id, String source, String author) throws RuleException, RuleChangeException;

  /** Makes an earlier (or any stored) version active again, and enables the rule. */
  RuleHistory rollback(String id, int version) throws RuleChangeException;

  RuleHistory enable(String id, boolean enabled) throws RuleChangeException;

  /** Undeploys the rule and marks it deleted; its versions are kept. */
  RuleHistory delete(String id) throws RuleChangeException;

  RuleStats stats(String id);

  /**
   * The result of {@link #deploy}.
   *
   * @param history the rule after the change
   * @param created whether the rule id was new (or deleted before)
   * @param changed whether a new version was stored
   */
  record Change(RuleHistory history, boolean created, boolean changed) {}
}
