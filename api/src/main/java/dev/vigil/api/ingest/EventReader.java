package dev.vigil.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads and validates events exactly as {@code POST /v1/events} does, without ingesting them: for
 * rule dry runs ({@code POST /v1/rules/test}, {@code vigil rules test}).
 */
public final class EventReader {

  /** Valid events in order, and every rejected item with all its errors. */
  public record Result(List<Event> events, List<IngestResponse.Rejected> rejected) {}

  private final EventBodyParser parser;
  private final EventConverter converter;

  /** @param nowMillis the clock the future-skew check uses */
  public EventReader(ApiLimits limits, EventTypes types, LongSupplier nowMillis) {
    this.parser = new EventBodyParser(limits);
    this.converter = new EventConverter(limits, types, nowMillis);
  }

  /** Events of a JSON array already parsed (e.g. the {@code events} member of a request). */
  public Result read(List<JsonNode> items) {
    List<Event> events = new ArrayList<>();
    List<IngestResponse.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      convert(i, items.get(i), events, rejected);
    }
    return new Result(events, rejected);
  }

  /**
   * Events of an NDJSON text, one per non-blank line.
   *
   * @throws dev.vigil.api.http.ProblemException when the text holds no event or too many
   */
  public Result readNdjson(String text) {
    List<Event> events = new ArrayList<>();
    List<IngestResponse.Rejected> rejected = new ArrayList<>();
    for (BodyItem item : parser.parse(text.getBytes(StandardCharsets.UTF_8), BodyFormat.NDJSON)) {
      if (!item.errors().isEmpty()) {
        rejected.add(new IngestResponse.Rejected(item.index(), null, item.errors()));
      } else {
        convert(item.index(), item.value(), events, rejected);
      }
    }
    return new Result(events, rejected);
  }

  private void convert(int index, JsonNode node, List<Event> events, List<IngestResponse.Rejected> rejected) {
    EventConverter.Conversion c = converter.convert(node);
    if (c.ok()) {
      events.add(c.event());
    } else {
      rejected.add(new IngestResponse.Rejected(index, converter.eventIdHint(node), c.errors()));
    }
  }
}
