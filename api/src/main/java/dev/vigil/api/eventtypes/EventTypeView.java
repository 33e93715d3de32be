package dev.vigil.api.eventtypes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldFormat;
import dev.vigil.rules.schema.FieldSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON view of an event type: {@code {name, built_in, lateness?, fields: {name: {type, required, key,
 * format?, min?, allowed?}}}}. The same {@code fields} shape is the body of {@code PUT
 * /v1/event-types/{name}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTypeView(
    String name, @JsonProperty("built_in") boolean builtIn, String lateness, Map<String, FieldView> fields) {

  /** One field; absent options are left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldView(
      String type, boolean required, boolean key, String format, BigDecimal min, List<String> allowed) {}

  public static EventTypeView of(EventType type) {
    Map<String, FieldView> fields = new LinkedHashMap<>();
    for (FieldSpec f : type.fields()) {
      fields.put(f.name(), new FieldView(
          f.type().wireName(),
          f.required(),
          f.key(),
          f.format() == FieldFormat.NONE ? null : f.format().name().toLowerCase(Locale.ROOT),
          f.min(),
          f.allowed() == null ? null : f.allowed().stream().sorted().toList()));
    }
    String lateness = type.lateness() == null ? null : dev.vigil.api.config.Values.format(type.lateness());
    return new EventTypeView(type.name(), type.builtIn(), lateness, fields);
  }
}
