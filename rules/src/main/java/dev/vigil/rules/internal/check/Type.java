package dev.vigil.rules.internal.check;

import dev.vigil.rules.schema.FieldType;

/** Value types of rule expressions. {@link #ERROR} stands for "already reported": it fits anything. */
enum Type {
  STRING("a string"),
  NUMBER("a number"),
  BOOLEAN("true or false"),
  NULL("null"),
  ERROR("an error");

  final String description;

  Type(String description) {
    this.description = description;
  }

  static Type of(FieldType t) {
    return switch (t) {
      case STRING -> STRING;
      case DECIMAL, INTEGER, TIMESTAMP -> NUMBER;
      case BOOLEAN -> BOOLEAN;
    };
  }

  /** Whether a value of this type can stand where {@code wanted} is expected. */
  boolean fits(Type wanted) {
    return this == wanted || this == ERROR || wanted == ERROR || this == NULL;
  }
}
