package dev.vigil.rules.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A declared event type: its name and fields. Every event also carries the envelope fields
 * {@code event_id}, {@code type} and {@code timestamp}; fields an event carries that the type
 * does not declare are kept in its {@code attributes}.
 *
 * <p>Example, a custom type keyed by {@code payment_id}:
 *
 * <pre>{@code
 * EventType.custom("authorization", List.of(
 *     FieldSpec.key("payment_id").asRequired(),
 *     FieldSpec.of("amount", FieldType.DECIMAL).withMin(BigDecimal.ZERO)));
 * }</pre>
 *
 * @param lateness how far behind the newest event of its shard an event of this type may arrive
 *     and still be evaluated in event-time order (see {@code docs/design/event-time.md}); {@code
 *     null} means the engine's default
 */
public record EventType(String name, List<FieldSpec> fields, boolean builtIn, Duration lateness) {

  /** The largest allowed lateness a type may declare. */
  public static final Duration MAX_LATENESS = Duration.ofHours(24);

  /** Names of the envelope fields; no declared field may use them. */
  public static final Set<String> ENVELOPE = Set.of("event_id", "type", "timestamp", "attributes");

  public EventType {
    Objects.requireNonNull(name, "name");
    fields = List.copyOf(fields);
  }

  /** A type with the engine's default lateness. */
  public EventType(String name, List<FieldSpec> fields, boolean builtIn) {
    this(name, fields, builtIn, null);
  }

  public static EventType custom(String name, List<FieldSpec> fields) {
    return new EventType(name, fields, false, null);
  }

  public static EventType custom(String name, List<FieldSpec> fields, Duration lateness) {
    return new EventType(name, fields, false, lateness);
  }

  /** This type with another allowed lateness ({@code null}: the engine default). */
  public EventType withLateness(Duration lateness) {
    return new EventType(name, fields, builtIn, lateness);
  }

  /** Whether {@code name} is a valid type or field name: {@code [a-z][a-z0-9_]{0,63}}. */
  public static boolean isValidName(String name) {
    // By hand, not a regex: checked for every ingested event, and a Matcher allocates per call.
    if (name == null || name.isEmpty() || name.length() > 64) {
      return false;
    }
    char first = name.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * Validates the declaration itself.
   *
   * @return problems as (field, reason) pairs; empty when valid
   */
  public List<Map.Entry<String, String>> declarationProblems() {
    List<Map.Entry<String, String>> problems = new ArrayList<>();
    if (!isValidName(name)) {
      problems.add(Map.entry("name", "must match [a-z][a-z0-9_]{0,63}"));
    }
    Map<String, FieldSpec> seen = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      String path = "fields." + f.name();
      if (!isValidName(f.name())) {
        problems.add(Map.entry(path, "field name must match [a-z][a-z0-9_]{0,63}"));
      } else if (ENVELOPE.contains(f.name())) {
        problems.add(Map.entry(path, "is an envelope field and cannot be declared"));
      }
      if (seen.put(f.name(), f) != null) {
        problems.add(Map.entry(path, "is declared twice"));
      }
      if (f.key() && f.type() != FieldType.STRING) {
        problems.add(Map.entry(path, "an entity key must be of type string"));
      }
      if (f.min() != null && f.type() != FieldType.DECIMAL && f.type() != FieldType.INTEGER) {
        problems.add(Map.entry(path, "min applies to decimal and integer fields only"));
      }
      if ((f.allowed() != null || f.format() != FieldFormat.NONE) && f.type() != FieldType.STRING) {
        problems.add(Map.entry(path, "allowed values and formats apply to string fields only"));
      }
    }
    if (lateness != null && (lateness.isNegative() || lateness.compareTo(MAX_LATENESS) > 0)) {
      problems.add(Map.entry("lateness", "must be between 0 and 24 hours"));
    }
    if (fields.size() > 256) {
      problems.add(Map.entry("fields", "at most 256 fields"));
    }
    return problems;
  }

  /** The declared field named {@code fieldName}, or {@code null}. */
  public FieldSpec field(String fieldName) {
    for (FieldSpec f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    return null;
  }

  /** Names of the entity-key fields, in declaration order. */
  public List<String> keys() {
    return fields.stream().filter(FieldSpec::key).map(FieldSpec::name).toList();
  }
}
