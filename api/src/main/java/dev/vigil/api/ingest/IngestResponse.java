package dev.vigil.api.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code 202} body of {@code POST /v1/events}.
 *
 * @param accepted events admitted (durable) for processing
 * @param duplicates events whose event_id was already seen (earlier, or earlier in this batch)
 * @param rejected invalid items with every reason
 * @param duplicateItems which items were duplicates; left out when there were none
 */
public record IngestResponse(
    int accepted,
    int duplicates,
    List<Rejected> rejected,
    @JsonProperty("duplicate_items") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<DuplicateItem> duplicateItems) {

  /** An invalid item: its position, its event_id if readable, all its errors. */
  public record Rejected(int index, @JsonProperty("event_id") String eventId, List<ItemError> errors) {}

  /** An item that was a duplicate. */
  public record DuplicateItem(int index, @JsonProperty("event_id") String eventId) {}
}
