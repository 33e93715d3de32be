package dev.vigil.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One item of a parsed request body, before validation: either its JSON value or the errors that
 * make it unusable (it did not parse, was too large).
 *
 * @param index position in the batch, 0-based (for NDJSON: counting non-blank lines)
 * @param value the parsed value, or {@code null} when {@code errors} is not empty
 * @param errors item-level problems found while parsing
 */
record BodyItem(int index, JsonNode value, List<ItemError> errors) {
  BodyItem {
    errors = List.copyOf(errors);
  }

  static BodyItem parsed(int index, JsonNode value) {
    return new BodyItem(index, value, List.of());
  }

  static BodyItem failed(int index, String reason) {
    return new BodyItem(index, null, List.of(ItemError.whole(reason)));
  }
}
