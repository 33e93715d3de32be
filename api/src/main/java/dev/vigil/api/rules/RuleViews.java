package dev.vigil.api.rules;

import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleStats;
import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of the rules API (maps, so absent values can be left out or shown as null). */
final class RuleViews {

  private RuleViews() {}

  /** A rule: its state, the active version, and for {@code detail} the source and statistics. */
  static Map<String, Object> rule(RuleHistory h, RuleInfo running, RuleStats stats, boolean detail) {
    Map<String, Object> m = VersionViews.head(h.id(), h.origin(), h.activeVersion());
    m.put("enabled", h.enabled());
    m.put("running", running != null);
    m.put("severity", running == null ? null : running.severity());
    m.put("by", running == null ? null : running.by());
    VersionViews.authorship(m, h.active(), detail);
    if (detail) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("matches", stats.matches());
      s.put("alerts", stats.alerts());
      s.put("suppressed", stats.suppressed());
      s.put("last_match_at", stats.lastMatchAt() == null ? null : Timestamps.format(stats.lastMatchAt()));
      s.put("last_match_event_time",
          stats.lastMatchEventTime() == null ? null : Timestamps.format(stats.lastMatchEventTime()));
      m.put("stats", s);
    }
    return m;
  }

  /** The compiled plan of one rule, as {@code validate} answers it. */
  static Map<String, Object> plan(CompiledRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("version", r.version());
    m.put("kind", r.kind());
    m.put("severity", r.severity());
    m.put("by", r.by());
    m.put("title", r.title());
    m.put("suppress_ms", r.suppress() == null ? null : r.suppress().toMillis());
    m.put("tags", r.tags());
    m.put("firing", r.firing().name().toLowerCase(java.util.Locale.ROOT));
    m.put("event_types", r.eventTypes());
    m.put("epl", r.epl());
    return m;
  }

  static Map<String, Object> diagnostic(String fileName, String source, Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", d.code().code());
    m.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
    m.put("message", d.message());
    m.put("line", d.span().line());
    m.put("column", d.span().column());
    m.put("length", d.span().length());
    m.put("hint", d.hint());
    m.put("rendered", DiagnosticRenderer.render(fileName, source, d));
    return m;
  }
}
