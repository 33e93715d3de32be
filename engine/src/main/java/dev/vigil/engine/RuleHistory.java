package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/**
 * A rule and its versions. Rules from the rules directory have origin {@code file}, one version
 * (their file's text) and cannot be changed through the API; rules deployed through the API have
 * origin {@code api} and every version they ever had.
 *
 * @param id rule id
 * @param origin {@code file} or {@code api}
 * @param versions oldest first
 * @param activeVersion the version that runs (or would run, when disabled)
 * @param enabled whether it runs
 * @param deleted deleted rules keep their history but do not run and are not listed
 */
public record RuleHistory(
    String id, String origin, List<RuleVersion> versions, int activeVersion, boolean enabled, boolean deleted) {

  public static final String FILE = "file";
  public static final String API = "api";

  public RuleHistory {
    versions = List.copyOf(versions);
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

  /** Whether it is deployed in the engine now. */
  public boolean running() {
    return enabled && !deleted;
  }

  public RuleHistory withState(int active, boolean enabled, boolean deleted) {
    return new RuleHistory(id, origin, versions, active, enabled, deleted);
  }
}
