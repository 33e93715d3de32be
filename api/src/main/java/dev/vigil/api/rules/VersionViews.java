package dev.vigil.api.rules;

import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.RuleVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON pieces rules and decision sets share, both being versioned sources: who they are, who
 * wrote the active version, and their version history. Maps keep insertion order, so each
 * resource's view interleaves its own members between these in its documented order.
 */
public final class VersionViews {

  private VersionViews() {}

  /** A view starting with {@code id}, {@code origin} and the active {@code version}. */
  public static Map<String, Object> head(String id, String origin, int activeVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("origin", origin);
    m.put("version", activeVersion);
    return m;
  }

  /** Adds {@code author} and {@code updated_at} of the active version, and its source for {@code detail}. */
  public static Map<String, Object> authorship(Map<String, Object> m, RuleVersion active, boolean detail) {
    m.put("author", active.author());
    m.put("updated_at", Timestamps.format(active.createdAt()));
    if (detail) {
      m.put("source", active.source());
    }
    return m;
  }

  /** {@code GET .../{id}/versions}: every version, oldest first, marking the active one. */
  public static Map<String, Object> versions(String id, List<RuleVersion> history, int activeVersion) {
    List<Map<String, Object>> versions = history.stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("active", v.version() == activeVersion);
      m.put("author", v.author());
      m.put("created_at", Timestamps.format(v.createdAt()));
      m.put("source", v.source());
      return m;
    }).toList();
    return Map.of("id", id, "versions", versions);
  }
}
