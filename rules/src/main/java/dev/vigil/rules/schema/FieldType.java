package dev.vigil.rules.schema;

/**
 * The value types an event field can have.
 *
 * <p>On the wire (JSON): {@code STRING} is a JSON string, {@code DECIMAL} a JSON number (kept
 * exactly as a {@link java.math.BigDecimal}), {@code INTEGER} a JSON integer that fits in a
 * {@code long}, {@code BOOLEAN} {@code true}/{@code false}, {@code TIMESTAMP} an RFC 3339 string
 * with offset or epoch milliseconds (kept as epoch milliseconds, a {@code Long}).
 */
public enum FieldType {
  STRING,
  DECIMAL,
  INTEGER,
  BOOLEAN,
  TIMESTAMP;

  /** The lower-case name used in JSON schemas and rule files, e.g. {@code "decimal"}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses a wire name; {@code null} when unknown. */
  public static FieldType fromWireName(String name) {
    for (FieldType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The Java class a validated value of this type has. */
  public Class<?> javaType() {
    return switch (this) {
      case STRING -> String.class;
      case DECIMAL -> java.math.BigDecimal.class;
      case INTEGER, TIMESTAMP -> Long.class;
      case BOOLEAN -> Boolean.class;
    };
  }
}
