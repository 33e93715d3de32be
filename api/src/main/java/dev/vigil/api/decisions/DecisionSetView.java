package dev.vigil.api.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.rules.VersionViews;
import dev.vigil.engine.DecisionSetHistory;
import dev.vigil.rules.CompiledDecision;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the decision-set API (maps, so absent values can be shown as null). */
final class DecisionSetView {

  private DecisionSetView() {}

  /** A set: its state and active version; for {@code detail} the source. */
  static Map<String, Object> set(DecisionSetHistory h, boolean detail) {
    Map<String, Object> m = VersionViews.head(h.id(), h.origin(), h.activeVersion());
    m.put("running", h.running());
    m.put("decisions", h.decisions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Map.of("name", e.getValue(), "event_type", e.getKey())).toList());
    return VersionViews.authorship(m, h.active(), detail);
  }

  /** One compiled decision, as {@code validate} answers it. */
  static Map<String, Object> plan(CompiledDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("event_type", d.eventType());
    m.put("by", d.by());
    List<Map<String, Object>> scores = new java.util.ArrayList<>();
    for (int i = 0; i < d.scores().size(); i++) {
      CompiledDecision.ScoreLine s = d.scores().get(i);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("rule", d.name() + "." + (i + 1));
      line.put("points", s.points());
      line.put("label", s.label());
      line.put("when", s.condition());
      scores.add(line);
    }
    m.put("scores", scores);
    m.put("verdicts", d.verdicts().stream().map(v -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("decision", v.outcome());
      line.put("when", v.condition());
      return line;
    }).toList());
    m.put("drl", d.drl());
    return m;
  }

  /**
   * The {@code inputs} of a dry run: {@code [{"name": "stats.count(amount)", "entity": "user_id=u1",
   * "value": 25}]}, as in the decision log ({@code entity} optional: then it answers for any entity;
   * {@code value} a number, boolean, null = unknown, or the log's text form of those).
   */
  static Map<String, Object> given(JsonNode inputs) {
    Map<String, Object> given = new HashMap<>();
    if (inputs == null || inputs.isNull()) {
      return given;
    }
    if (!inputs.isArray()) {
      throw invalid("\"inputs\" must be an array of {\"name\", \"entity\", \"value\"} objects.");
    }
    for (JsonNode i : inputs) {
      JsonNode name = i.get("name");
      JsonNode entity = i.get("entity");
      if (!i.isObject() || name == null || !name.isTextual() || !i.has("value")
          || (entity != null && !entity.isNull() && !entity.isTextual())) {
        throw invalid("Each input needs a string \"name\", a \"value\" and optionally a string \"entity\".");
      }
      String key = entity == null || entity.isNull() ? name.asText() : name.asText() + "|" + entity.asText();
      given.put(key, value(i.get("value")));
    }
    return given;
  }

  private static Object value(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      String t = v.asText();
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
      try {
        BigDecimal d = new BigDecimal(t);
        return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? d.longValueExact() : d;
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalid("Input value \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t)
            + "\" is neither a number nor a boolean.");
      }
    }
    throw invalid("An input value is a number, a boolean or null.");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(Problem.of(400, "invalid-body", "Invalid body", detail));
  }
}
