package dev.vigil.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns one parsed JSON object into a validated {@link Event}, or into the complete list of
 * what is wrong with it (every error of an item is reported at once, not only the first).
 *
 * <p>Envelope: {@code event_id} (non-empty string, at most {@code maxEventIdLength} characters,
 * no control characters), {@code type} (a known event type), {@code timestamp} (see {@link
 * Timestamps}; not before {@link Timestamps#MIN_EVENT_TIME}, not more than {@code maxFutureSkew}
 * ahead of the server clock). Declared fields are type-checked and then checked against their
 * {@link FieldSpec} constraints. Other members become attributes; an {@code attributes} object,
 * if given, is merged into them.
 */
public final class EventConverter {
  private final ApiLimits limits;
  private final EventTypes types;
  private final LongSupplier nowMillis;

  public EventConverter(ApiLimits limits, EventTypes types, LongSupplier nowMillis) {
    this.limits = limits;
    this.types = types;
    this.nowMillis = nowMillis;
  }

  /** The result for one item: exactly one of {@code event} and a non-empty {@code errors}. */
  public record Conversion(Event event, List<ItemError> errors) {
    public boolean ok() {
      return event != null;
    }
  }

  public Conversion convert(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new Conversion(null, List.of(ItemError.whole("must be a JSON object")));
    }
    List<ItemError> errors = new ArrayList<>();
    String id = eventId(node.get("event_id"), errors);
    EventType type = type(node.get("type"), errors);
    long timestamp = timestamp(node.get("timestamp"), errors);
    Map<String, Object> fields = new LinkedHashMap<>();
    if (type != null) {
      for (FieldSpec spec : type.fields()) {
        field(spec, node.get(spec.name()), fields, errors);
      }
    }
    Map<String, Object> attributes = attributes(node, type, errors);
    if (!errors.isEmpty()) {
      return new Conversion(null, List.copyOf(errors));
    }
    return new Conversion(new Event(id, type.name(), timestamp, fields, attributes), List.of());
  }

  /** The item's event_id when it is a usable string, for error reports; else {@code null}. */
  public String eventIdHint(JsonNode node) {
    if (node != null && node.isObject()) {
      JsonNode id = node.get("event_id");
      if (id != null && id.isTextual() && id.textValue().length() <= limits.maxEventIdLength()) {
        return id.textValue();
      }
    }
    return null;
  }

  private String eventId(JsonNode v, List<ItemError> errors) {
    if (v == null || v.isNull()) {
      errors.add(new ItemError("event_id", "is required"));
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new ItemError("event_id", "must be a string"));
      return null;
    }
    String id = v.textValue();
    if (id.isEmpty()) {
      errors.add(new ItemError("event_id", "must not be empty"));
    } else if (id.length() > limits.maxEventIdLength()) {
      errors.add(new ItemError("event_id",
          "is longer than " + limits.maxEventIdLength() + " characters"));
    } else if (id.chars().anyMatch(Character::isISOControl)) {
      errors.add(new ItemError("event_id", "must not contain control characters"));
    }
    return id;
  }

  private EventType type(JsonNode v, List<ItemError> errors) {
    if (v == null || v.isNull()) {
      errors.add(new ItemError("type", "is required"));
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new ItemError("type", "must be a string"));
      return null;
    }
    String name = v.textValue();
    Optional<EventType> type = EventType.isValidName(name) ? types.get(name) : Optional.empty();
    if (type.isEmpty()) {
      String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
      errors.add(new ItemError("type", "unknown event type \"" + shown + "\""));
      return null;
    }
    return type.get();
  }

  private long timestamp(JsonNode v, List<ItemError> errors) {
    if (v == null || v.isNull()) {
      errors.add(new ItemError("timestamp", "is required"));
      return 0;
    }
    try {
      long t = Timestamps.parse(v);
      long latest = nowMillis.getAsLong() + limits.maxFutureSkew().toMillis();
      if (t < Timestamps.MIN_EVENT_TIME) {
        errors.add(new ItemError("timestamp", "must not be before 2000-01-01T00:00:00Z"));
      } else if (t > latest) {
        errors.add(new ItemError("timestamp", "is more than " + limits.maxFutureSkew().toSeconds()
            + " s ahead of the server clock (" + Timestamps.format(nowMillis.getAsLong()) + ")"));
      }
      return t;
    } catch (IllegalArgumentException e) {
      errors.add(new ItemError("timestamp", e.getMessage()));
      return 0;
    }
  }

  private static void field(
      FieldSpec spec, JsonNode v, Map<String, Object> fields, List<ItemError> errors) {
    Object value = null;
    if (v != null && !v.isNull()) {
      try {
        value = FieldValues.typed(v, spec.type());
      } catch (IllegalArgumentException e) {
        errors.add(new ItemError(spec.name(), e.getMessage()));
        return;
      }
    }
    String problem = spec.check(value);
    if (problem != null) {
      errors.add(new ItemError(spec.name(), problem));
    } else if (value != null) {
      fields.put(spec.name(), value);
    }
  }

  private static Map<String, Object> attributes(
      JsonNode node, EventType type, List<ItemError> errors) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode explicit = node.get("attributes");
    if (explicit != null && !explicit.isNull()) {
      if (!explicit.isObject()) {
        errors.add(new ItemError("attributes", "must be an object"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = explicit.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          attributes.put(e.getKey(),
              FieldValues.untyped(e.getValue(), "attributes." + e.getKey(), errors));
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (EventType.ENVELOPE.contains(name) || (type != null && type.field(name) != null)) {
        continue;
      }
      if (attributes.containsKey(name)) {
        errors.add(new ItemError(name, "is given both at top level and in attributes"));
        continue;
      }
      attributes.put(name, FieldValues.untyped(e.getValue(), name, errors));
    }
    return attributes;
  }
}
