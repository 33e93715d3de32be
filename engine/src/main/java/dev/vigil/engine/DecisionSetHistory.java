package dev.vigil.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decision set and its versions. A decision set is a named source in the rule language holding
 * one or more {@code decision} blocks; its versions are numbered 1, 2, ... per set. Sets from the
 * rules directory (id = file name without {@code .vgl}) have origin {@code file}, one version and
 * cannot be changed through the API; sets deployed through the API have origin {@code api} and
 * every version they ever had.
 *
 * @param id the set id
 * @param origin {@code file} or {@code api}
 * @param versions oldest first ({@link RuleVersion}: number, source, author, time)
 * @param activeVersion the version that answers
 * @param decisions the active version's decisions: decision name by the event type it decides
 * @param running whether the active version answers requests (false when deleted, or when a
 *     stored set could not be deployed at start, e.g. because a file set now decides its type)
 */
public record DecisionSetHistory(
    String id, String origin, List<RuleVersion> versions, int activeVersion, Map<String, String> decisions,
    boolean running) {

  public DecisionSetHistory {
    versions = List.copyOf(versions);
    decisions = Map.copyOf(decisions);
  }

  public Optional<RuleVersion> version(int v) {
    return versions.stream().filter(x -> x.version() == v).findFirst();
  }

  /** The active version's record. */
  public RuleVersion active() {
    return version(activeVersion).orElseThrow();
  }

  public int latestVersion() {
    return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
  }
}
