package dev.vigil.api.ingest;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads exactly one event from a JSON body, with the parsing and validation of
 * {@code POST /v1/events} (used by {@code POST /v1/decisions}). Problems: {@code 400} for a body
 * that is not one JSON object, {@code 422 invalid-event} with per-field errors.
 */
public final class SingleEvent {

  private final EventBodyParser parser;
  private final EventConverter converter;

  public SingleEvent(ApiLimits limits, EventTypes types, LongSupplier nowMillis) {
    this.parser = new EventBodyParser(limits);
    this.converter = new EventConverter(limits, types, nowMillis);
  }

  public Event read(byte[] body) {
    List<BodyItem> items = parser.parse(body, BodyFormat.JSON);
    if (items.size() != 1) {
      throw new ProblemException(Problem.of(400, "malformed-body", "Malformed body",
          "Send exactly one event as a JSON object; got " + items.size() + "."));
    }
    BodyItem item = items.get(0);
    if (!item.errors().isEmpty()) {
      throw invalid(item.errors());
    }
    EventConverter.Conversion c = converter.convert(item.value());
    if (!c.ok()) {
      throw invalid(c.errors());
    }
    return c.event();
  }

  private static ProblemException invalid(List<ItemError> errors) {
    return new ProblemException(Problem.of(422, "invalid-event", "Invalid event",
        "The event does not validate; see errors.").with("errors", errors));
  }
}
