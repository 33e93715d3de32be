package dev.vigil.api.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldFormat;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import dev.vigil.api.config.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code PUT /v1/event-types/{name}} into an {@link EventType}, collecting
 * every problem (unknown members, wrong types, then {@link EventType#declarationProblems()}) so
 * one response lists all of them.
 */
final class EventTypeDeclaration {
  private static final Set<String> FIELD_MEMBERS =
      Set.of("type", "required", "key", "format", "min", "allowed");

  /** The parsed type (when {@code problems} is empty) and the problems as (path, reason). */
  record Result(EventType type, List<Map.Entry<String, String>> problems) {}

  private EventTypeDeclaration() {}

  static Result read(String name, JsonNode body) {
    List<Map.Entry<String, String>> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      problems.add(Map.entry("$", "body must be a JSON object {\"fields\": {...}}"));
      return new Result(null, problems);
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (!member.equals("fields") && !member.equals("name") && !member.equals("lateness")) {
        problems.add(Map.entry(member, "unknown member"));
      }
    }
    JsonNode nameNode = body.get("name");
    if (nameNode != null && !(nameNode.isTextual() && nameNode.textValue().equals(name))) {
      problems.add(Map.entry("name", "must equal the name in the path, or be left out"));
    }
    JsonNode fieldsNode = body.get("fields");
    List<FieldSpec> fields = new ArrayList<>();
    if (fieldsNode == null || !fieldsNode.isObject()) {
      problems.add(Map.entry("fields", "is required and must be an object of field declarations"));
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        FieldSpec spec = field(e.getKey(), e.getValue(), problems);
        if (spec != null) {
          fields.add(spec);
        }
      }
    }
    Duration lateness = lateness(body.get("lateness"), problems);
    EventType type = EventType.custom(name, fields, lateness);
    problems.addAll(type.declarationProblems());
    return new Result(problems.isEmpty() ? type : null, problems);
  }

  /** Optional allowed lateness: a duration such as {@code "30s"}, {@code "2m"}; null = the node default. */
  private static Duration lateness(JsonNode v, List<Map.Entry<String, String>> problems) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      try {
        return Values.duration(v.textValue());
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    problems.add(Map.entry("lateness", "must be a duration such as \"30s\", \"2m\" or \"1h\""));
    return null;
  }

  private static FieldSpec field(String name, JsonNode decl, List<Map.Entry<String, String>> problems) {
    String path = "fields." + name;
    if (!decl.isObject()) {
      problems.add(Map.entry(path, "must be an object {\"type\": ...}"));
      return null;
    }
    int before = problems.size();
    for (Iterator<String> it = decl.fieldNames(); it.hasNext(); ) {
      String member = it.next();
      if (!FIELD_MEMBERS.contains(member)) {
        problems.add(Map.entry(path + "." + member, "unknown member; expected one of " + FIELD_MEMBERS));
      }
    }
    JsonNode typeNode = decl.get("type");
    FieldType type = typeNode != null && typeNode.isTextual() ? FieldType.fromWireName(typeNode.textValue()) : null;
    if (type == null) {
      problems.add(Map.entry(path + ".type",
          "is required: one of string, decimal, integer, boolean, timestamp"));
    }
    boolean required = flag(decl, "required", path, problems);
    boolean key = flag(decl, "key", path, problems);
    FieldFormat format = format(decl.get("format"), path, problems);
    BigDecimal min = null;
    JsonNode minNode = decl.get("min");
    if (minNode != null && !minNode.isNull()) {
      if (minNode.isNumber()) {
        min = minNode.decimalValue();
      } else {
        problems.add(Map.entry(path + ".min", "must be a number"));
      }
    }
    Set<String> allowed = allowed(decl.get("allowed"), path, problems);
    if (problems.size() > before) {
      return null;
    }
    return new FieldSpec(name, type, required, key, format, min, allowed);
  }

  private static boolean flag(JsonNode decl, String member, String path, List<Map.Entry<String, String>> problems) {
    JsonNode v = decl.get(member);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      problems.add(Map.entry(path + "." + member, "must be true or false"));
      return false;
    }
    return v.booleanValue();
  }

  private static FieldFormat format(JsonNode v, String path, List<Map.Entry<String, String>> problems) {
    if (v == null || v.isNull()) {
      return FieldFormat.NONE;
    }
    if (v.isTextual()) {
      for (FieldFormat f : FieldFormat.values()) {
        if (f != FieldFormat.NONE && f.name().toLowerCase(Locale.ROOT).equals(v.textValue())) {
          return f;
        }
      }
    }
    problems.add(Map.entry(path + ".format", "must be one of currency, country, ip"));
    return FieldFormat.NONE;
  }

  private static Set<String> allowed(JsonNode v, String path, List<Map.Entry<String, String>> problems) {
    if (v == null || v.isNull()) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    if (v.isArray() && !v.isEmpty()) {
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          problems.add(Map.entry(path + ".allowed", "must be a non-empty array of strings"));
          return null;
        }
        values.add(item.textValue());
      }
      return values;
    }
    problems.add(Map.entry(path + ".allowed", "must be a non-empty array of strings"));
    return null;
  }
}
