package dev.vigil.api.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The {@code 202} body of {@code POST /v1/events}.
 *
 * @param accepted events admitted (durable), late ones included
 * @param duplicates events whose event_id was already seen (earlier, or earlier in this batch)
 * @param late accepted events that arrived after the watermark had passed them: journaled, but not
 *     evaluated by the rules (see the late-events log)
 * @param rejected invalid items with every reason
 * @param duplicateItems which items were duplicates; left out when there were none
 * @param lateItems which items were late; left out when there were none
 * @param durability how the accepted events reached disk before this answer: {@code fsync},
 *     {@code batch} or {@code none} ({@code engine.durability})
 */
@JsonPropertyOrder({"accepted", "duplicates", "late", "rejected", "duplicate_items", "late_items", "durability"})
public record IngestResponse(
    int accepted,
    int duplicates,
    int late,
    List<Rejected> rejected,
    @JsonProperty("duplicate_items") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<DuplicateItem> duplicateItems,
    @JsonProperty("late_items") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LateItem> lateItems,
    String durability) {

  /** An invalid item: its position, its event_id if readable, all its errors. */
  public record Rejected(int index, @JsonProperty("event_id") String eventId, List<ItemError> errors) {}

  /** An item that was a duplicate. */
  public record DuplicateItem(int index, @JsonProperty("event_id") String eventId) {}

  /** An item that was accepted late. */
  public record LateItem(int index, @JsonProperty("event_id") String eventId) {}
}
