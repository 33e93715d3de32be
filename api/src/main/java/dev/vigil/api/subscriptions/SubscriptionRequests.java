package dev.vigil.api.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.SubscriptionFilter;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and checks subscription request bodies; every problem is a 400 naming the member. */
final class SubscriptionRequests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
  private static final Set<String> FILTER_MEMBERS = Set.of("rules", "severities", "tags", "entity_types", "events");
  static final int MAX_URL = 2048;
  static final int MAX_DESCRIPTION = 1024;

  private SubscriptionRequests() {}

  static JsonNode object(String body, Set<String> members) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw invalid("$", "must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!members.contains(name)) {
        throw invalid(name, "unknown member; expected one of " + new java.util.TreeSet<>(members));
      }
    }
    return node;
  }

  static String url(JsonNode node, boolean required) {
    JsonNode url = node.get("url");
    if (url == null || url.isNull()) {
      if (required) {
        throw invalid("url", "is required");
      }
      return null;
    }
    if (!url.isTextual() || url.asText().isBlank() || url.asText().length() > MAX_URL) {
      throw invalid("url", "must be a URL of at most " + MAX_URL + " characters");
    }
    return url.asText();
  }

  static String description(JsonNode node) {
    JsonNode d = node.get("description");
    if (d == null || d.isNull()) {
      return null;
    }
    if (!d.isTextual() || d.asText().length() > MAX_DESCRIPTION) {
      throw invalid("description", "must be a string of at most " + MAX_DESCRIPTION + " characters");
    }
    return d.asText();
  }

  static SubscriptionFilter filter(JsonNode node) {
    JsonNode f = node.get("filter");
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isObject()) {
      throw invalid("filter", "must be an object");
    }
    for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FILTER_MEMBERS.contains(name)) {
        throw invalid("filter." + name, "unknown member; expected one of " + new java.util.TreeSet<>(FILTER_MEMBERS));
      }
    }
    Set<String> severities = strings(f, "severities");
    for (String s : severities) {
      if (!SEVERITIES.contains(s)) {
        throw invalid("filter.severities", "'" + s + "' is not one of low, medium, high, critical");
      }
    }
    Set<String> events = strings(f, "events");
    for (String e : events) {
      if (!SubscriptionFilter.EVENT_TYPES.contains(e)) {
        throw invalid("filter.events", "'" + e + "' is not one of " + String.join(", ", SubscriptionFilter.EVENT_TYPES));
      }
    }
    return new SubscriptionFilter(strings(f, "rules"), severities, strings(f, "tags"), strings(f, "entity_types"),
        events);
  }

  private static Set<String> strings(JsonNode f, String name) {
    JsonNode a = f.get(name);
    if (a == null || a.isNull()) {
      return Set.of();
    }
    if (!a.isArray() || a.size() > 1000) {
      throw invalid("filter." + name, "must be an array of at most 1000 strings");
    }
    Set<String> out = new HashSet<>();
    for (JsonNode v : a) {
      if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 256) {
        throw invalid("filter." + name, "must contain non-empty strings of at most 256 characters");
      }
      out.add(v.asText());
    }
    return out;
  }

  /** A time member (RFC 3339 or epoch ms), or {@code null}. */
  static Long time(JsonNode node, String name) {
    JsonNode t = node.get(name);
    if (t == null || t.isNull()) {
      return null;
    }
    try {
      return t.isIntegralNumber() ? t.asLong() : Timestamps.parseTextOrMillis(t.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(name, e.getMessage());
    }
  }

  static Long seconds(JsonNode node, String name, long max) {
    JsonNode t = node.get(name);
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() > max) {
      throw invalid(name, "must be an integer number of seconds from 0 to " + max);
    }
    return t.asLong();
  }

  static ProblemException invalid(String field, String reason) {
    return new ProblemException(
        Problem.of(400, "invalid-subscription", "Invalid subscription request", field + ": " + reason)
            .with("errors", List.of(Map.of("field", field, "reason", reason))));
  }
}
