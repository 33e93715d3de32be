package dev.vigil.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON values to the Java values the engine works with (see {@link
 * dev.vigil.engine.Event}).
 *
 * <p>Numbers are bounded: an absolute value below 10^18 and at most 18 decimal places (after
 * dropping trailing zeros). Anything beyond is no realistic money amount or count but can make
 * arithmetic in rules explode ({@code 1e1000000} is a valid JSON number).
 */
final class FieldValues {
  static final int MAX_INTEGER_DIGITS = 18;
  static final int MAX_SCALE = 18;

  private FieldValues() {}

  /** Converts a non-null JSON value to {@code type}; throws IllegalArgumentException with the reason. */
  static Object typed(JsonNode node, FieldType type) {
    return switch (type) {
      case STRING -> {
        if (!node.isTextual()) {
          throw new IllegalArgumentException("must be a string");
        }
        yield node.textValue();
      }
      case DECIMAL -> {
        if (!node.isNumber()) {
          throw new IllegalArgumentException("must be a number");
        }
        yield decimal(node.decimalValue());
      }
      case INTEGER -> {
        if (!node.isIntegralNumber()) {
          throw new IllegalArgumentException("must be an integer");
        }
        if (!node.canConvertToLong()) {
          throw new IllegalArgumentException("number out of range for a 64-bit integer");
        }
        yield node.longValue();
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw new IllegalArgumentException("must be true or false");
        }
        yield node.booleanValue();
      }
      case TIMESTAMP -> {
        long t = Timestamps.parse(node);
        if (t < Timestamps.MIN_FIELD_TIME || t > Timestamps.MAX_FIELD_TIME) {
          throw new IllegalArgumentException("timestamp out of range (years 0000 to 9999)");
        }
        yield t;
      }
    };
  }

  /** Checks the range of a decimal and normalizes it (no trailing zeros, no negative scale). */
  static BigDecimal decimal(BigDecimal v) {
    BigDecimal s = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    if (s.precision() - s.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException("number out of range (absolute value must be below 1e18)");
    }
    if (s.scale() > MAX_SCALE) {
      throw new IllegalArgumentException("number has more than " + MAX_SCALE + " decimal places");
    }
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * Converts an undeclared value to String, BigDecimal, Long, Boolean, List, Map or null. Errors
   * (numbers out of range) are added to {@code errors} with their path.
   */
  static Object untyped(JsonNode node, String path, List<ItemError> errors) {
    switch (node.getNodeType()) {
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        try {
          return decimal(node.decimalValue());
        } catch (IllegalArgumentException e) {
          errors.add(new ItemError(path, e.getMessage()));
          return null;
        }
      case ARRAY:
        List<Object> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          list.add(untyped(node.get(i), path + "[" + i + "]", errors));
        }
        return list;
      case OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          map.put(e.getKey(), untyped(e.getValue(), path + "." + e.getKey(), errors));
        }
        return map;
      default:
        return null;
    }
  }
}
