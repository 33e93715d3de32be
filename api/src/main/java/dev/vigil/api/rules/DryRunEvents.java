package dev.vigil.api.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.ingest.EventReader;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code events} of a dry run ({@code POST /v1/rules/test}, {@code POST /v1/decision-sets/test}),
 * checked for shape and count when the request is read and converted later, against the event
 * types the draft sees (a rule draft may declare its own). Nothing runs unless every event is valid.
 */
public final class DryRunEvents {

  /** Dry runs accept events up to this far ahead of the wall clock (test data may be anywhere in time). */
  private static final long DRY_RUN_SKEW_MILLIS = 100L * 365 * 24 * 3600 * 1000;

  private final ApiLimits limits;
  private final List<JsonNode> items;

  private DryRunEvents(ApiLimits limits, List<JsonNode> items) {
    this.limits = limits;
    this.items = items;
  }

  /**
   * The request's {@code events} array: {@code 400 invalid-body} when missing or not an array,
   * {@code 413 batch-too-large} beyond {@code max_batch_events}.
   */
  static DryRunEvents of(JsonNode request, ApiLimits limits) {
    JsonNode events = request.get("events");
    if (events == null || !events.isArray()) {
      throw RuleRequests.invalidBody("The JSON body needs an array member \"events\".");
    }
    if (events.size() > limits.maxBatchEvents()) {
      throw new ProblemException(Problem.of(413, "batch-too-large", "Too many events",
          "A dry run takes at most " + limits.maxBatchEvents() + " events.")
          .with("max_batch_events", limits.maxBatchEvents()));
    }
    List<JsonNode> items = new ArrayList<>();
    events.forEach(items::add);
    return new DryRunEvents(limits, items);
  }

  /** The events read against {@code types}; {@code 422 invalid-events} listing each rejected one. */
  public List<Event> read(EventTypes types) {
    EventReader.Result read = new EventReader(limits, types,
        () -> System.currentTimeMillis() + DRY_RUN_SKEW_MILLIS).read(items);
    if (!read.rejected().isEmpty()) {
      throw new ProblemException(Problem.of(422, "invalid-events", "Invalid events",
          read.rejected().size() + " of " + items.size() + " events are invalid; nothing was run.")
          .with("rejected", read.rejected()));
    }
    return read.events();
  }
}
