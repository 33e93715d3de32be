package dev.vigil.rules.schema;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * One declared field of an event type.
 *
 * @param name field name, {@code [a-z][a-z0-9_]*}
 * @param type value type
 * @param required whether an event of the type must carry the field (non-null)
 * @param key whether the field is an entity key (rules can group by it; it routes events)
 * @param format extra check for string fields
 * @param min inclusive lower bound for numeric fields, or {@code null}
 * @param allowed the allowed values of a string field, or {@code null} for any
 */
public record FieldSpec(
    String name,
    FieldType type,
    boolean required,
    boolean key,
    FieldFormat format,
    BigDecimal min,
    Set<String> allowed) {

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    format = format == null ? FieldFormat.NONE : format;
    allowed = allowed == null ? null : Set.copyOf(allowed);
  }

  public static FieldSpec of(String name, FieldType type) {
    return new FieldSpec(name, type, false, false, FieldFormat.NONE, null, null);
  }

  public static FieldSpec key(String name) {
    return new FieldSpec(name, FieldType.STRING, false, true, FieldFormat.NONE, null, null);
  }

  public FieldSpec asRequired() {
    return new FieldSpec(name, type, true, key, format, min, allowed);
  }

  public FieldSpec withFormat(FieldFormat f) {
    return new FieldSpec(name, type, required, key, f, min, allowed);
  }

  public FieldSpec withMin(BigDecimal m) {
    return new FieldSpec(name, type, required, key, format, m, allowed);
  }

  public FieldSpec withAllowed(Set<String> values) {
    return new FieldSpec(name, type, required, key, format, min, values);
  }

  /**
   * Checks the constraints of an already type-converted value (see {@link FieldType#javaType()}).
   *
   * @return {@code null} when valid, else the reason, e.g. {@code "must be >= 0"}
   */
  public String check(Object value) {
    if (value == null) {
      return required ? "is required" : null;
    }
    if (!type.javaType().isInstance(value)) {
      return "must be of type " + type.wireName();
    }
    if (min != null) {
      BigDecimal v = value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
      if (v.compareTo(min) < 0) {
        return "must be >= " + min.toPlainString();
      }
    }
    if (value instanceof String s) {
      if (allowed != null && !allowed.contains(s)) {
        return "must be one of " + new java.util.TreeSet<>(allowed);
      }
      return format.check(s);
    }
    return null;
  }
}
