package dev.vigil.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A validated event, as the engine sees it.
 *
 * <p>Field values are Java values of the declared {@link dev.vigil.rules.schema.FieldType}:
 * {@code String}, {@code java.math.BigDecimal}, {@code Long} or {@code Boolean}. Attributes are
 * the undeclared fields the event carried, as {@code String}, {@code BigDecimal}, {@code Long},
 * {@code Boolean}, {@code List}, {@code Map} or {@code null}.
 *
 * @param id the event_id, the idempotency key
 * @param type the event type name
 * @param timestamp event time, epoch milliseconds
 * @param fields declared fields that are present (absent optional fields are left out); kept as a
 *     read-only copy in insertion order
 * @param attributes undeclared fields, kept the same way
 */
public record Event(
    String id, String type, long timestamp, Map<String, Object> fields, Map<String, Object> attributes) {

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    // Compact read-only copies: rules keep events for hours, the maps are most of their heap.
    fields = EventFieldMap.copyOf(fields);
    attributes = EventFieldMap.copyOf(attributes);
  }

  /** The value of a declared field, or {@code null}. */
  public Object field(String name) {
    return fields.get(name);
  }
}
