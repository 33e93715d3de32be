package dev.vigil.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.testing.InMemoryEventTypes;
import dev.vigil.engine.Event;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventConverterTest {
  /** 2026-11-25T10:00:00Z, the converter's "now". */
  static final long NOW = 1_795_600_800_000L;

  private final ApiLimits limits = ApiLimits.defaults();
  private final EventBodyParser parser = new EventBodyParser(limits);
  private final EventConverter converter;

  EventConverterTest() throws Exception {
    InMemoryEventTypes types = new InMemoryEventTypes();
    types.declare(EventType.custom("reading", List.of(
        FieldSpec.key("sensor_id").asRequired(),
        FieldSpec.of("count", FieldType.INTEGER).withMin(BigDecimal.ONE),
        FieldSpec.of("taken_at", FieldType.TIMESTAMP),
        FieldSpec.of("ok", FieldType.BOOLEAN))));
    converter = new EventConverter(limits, types, () -> NOW);
  }

  private JsonNode json(String text) {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8), BodyFormat.JSON).get(0).value();
  }

  private static final String TX =
      "\"event_id\":\"e1\",\"type\":\"transaction\",\"timestamp\":\"2026-11-25T09:00:00Z\","
          + "\"user_id\":\"u1\",\"currency\":\"EUR\"";

  @Test
  void convert_validTransaction_yieldsTypedEventWithAttributes() {
    EventConverter.Conversion c = converter.convert(json(
        "{" + TX + ",\"amount\":12.50,\"status\":\"approved\",\"note\":\"hi\",\"meta\":{\"n\":[1,2.5,null,true]}}"));
    assertThat(c.errors()).isEmpty();
    Event e = c.event();
    assertThat(e.id()).isEqualTo("e1");
    assertThat(e.type()).isEqualTo("transaction");
    assertThat(e.timestamp()).isEqualTo(NOW - 3_600_000);
    assertThat(e.fields()).containsEntry("amount", new BigDecimal("12.5")).containsEntry("user_id", "u1");
    assertThat(e.attributes()).containsEntry("note", "hi");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) e.attributes().get("meta");
    @SuppressWarnings("unchecked")
    List<Object> n = (List<Object>) meta.get("n");
    assertThat(n).containsExactly(1L, new BigDecimal("2.5"), null, true);
  }

  /** One bad member per row: the JSON members to add to a valid transaction, expected field and reason. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      amount as string      | "amount":"12"                    | amount    | must be a number
      negative amount       | "amount":-1                      | amount    | must be >= 0
      absurd amount         | "amount":1e1000000               | amount    | number out of range
      tiny amount           | "amount":1e-1000000              | amount    | more than 18 decimal places
      amount too big        | "amount":1000000000000000000     | amount    | number out of range
      unknown status        | "amount":1,"status":"maybe"      | status    | must be one of
      bad ip                | "amount":1,"ip":"999.1.1.1"      | ip        | IPv4 or IPv6
      key as number         | "amount":1,"card_id":42          | card_id   | must be a string
      attribute huge number | "amount":1,"x":1e999             | x         | number out of range
      nested attribute      | "amount":1,"x":{"y":[1e999]}     | x.y[0]    | number out of range
      attributes not object | "amount":1,"attributes":5        | attributes| must be an object
      """)
  void convert_badField_reportsFieldAndReason(String name, String members, String field, String reason) {
    EventConverter.Conversion c = converter.convert(json("{" + TX + "," + members + "}"));
    assertThat(c.ok()).isFalse();
    assertThat(c.errors()).singleElement().satisfies(err -> {
      assertThat(err.field()).isEqualTo(field);
      assertThat(err.reason()).contains(reason);
    });
  }

  /** Envelope rows: the whole event, the expected field and reason. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing event_id  | {"type":"login","timestamp":1795600000000,"user_id":"u"}                              | event_id  | is required
      numeric event_id  | {"event_id":7,"type":"login","timestamp":1795600000000,"user_id":"u"}                 | event_id  | must be a string
      empty event_id    | {"event_id":"","type":"login","timestamp":1795600000000,"user_id":"u"}                | event_id  | must not be empty
      unknown type      | {"event_id":"a","type":"payment","timestamp":1795600000000}                          | type      | unknown event type "payment"
      missing timestamp | {"event_id":"a","type":"login","user_id":"u"}                                        | timestamp | is required
      future timestamp  | {"event_id":"a","type":"login","timestamp":"2026-11-25T10:05:01Z","user_id":"u"}     | timestamp | ahead of the server clock
      ancient timestamp | {"event_id":"a","type":"login","timestamp":86400000,"user_id":"u"}                   | timestamp | before 2000-01-01
      no offset         | {"event_id":"a","type":"login","timestamp":"2026-11-25T09:00:00","user_id":"u"}      | timestamp | RFC 3339
      no seconds        | {"event_id":"a","type":"login","timestamp":"2026-11-25T09:00Z","user_id":"u"}        | timestamp | RFC 3339
      impossible date   | {"event_id":"a","type":"login","timestamp":"2026-02-30T09:00:00Z","user_id":"u"}     | timestamp | not a valid date
      float epoch       | {"event_id":"a","type":"login","timestamp":1.7956e12,"user_id":"u"}                  | timestamp | RFC 3339
      missing required  | {"event_id":"a","type":"login","timestamp":1795600000000}                            | user_id   | is required
      null required     | {"event_id":"a","type":"login","timestamp":1795600000000,"user_id":null}             | user_id   | is required
      bool as string    | {"event_id":"a","type":"login","timestamp":1795600000000,"user_id":"u","success":"yes"} | success | must be true or false
      integer as float  | {"event_id":"a","type":"reading","timestamp":1795600000000,"sensor_id":"s","count":2.5} | count   | must be an integer
      integer too small | {"event_id":"a","type":"reading","timestamp":1795600000000,"sensor_id":"s","count":0}   | count   | must be >= 1
      integer too big   | {"event_id":"a","type":"reading","timestamp":1795600000000,"sensor_id":"s","count":99999999999999999999} | count | out of range
      bad field time    | {"event_id":"a","type":"reading","timestamp":1795600000000,"sensor_id":"s","taken_at":"yesterday"} | taken_at | RFC 3339
      """)
  void convert_badEnvelopeOrField_reportsFieldAndReason(String name, String event, String field, String reason) {
    EventConverter.Conversion c = converter.convert(json(event));
    assertThat(c.ok()).isFalse();
    assertThat(c.errors()).singleElement().satisfies(err -> {
      assertThat(err.field()).isEqualTo(field);
      assertThat(err.reason()).contains(reason);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2026-11-25T09:00:00Z          | 1795597200000
      2026-11-25t09:00:00z          | 1795597200000
      2026-11-25T11:00:00+02:00     | 1795597200000
      2026-11-25T04:30:00-04:30     | 1795597200000
      2026-11-25T09:00:00.123Z      | 1795597200123
      2026-11-25T09:00:00.123456789Z| 1795597200123
      """)
  void convert_rfc3339Variants_parseToEpochMillis(String ts, long millis) {
    EventConverter.Conversion c = converter.convert(json(
        "{\"event_id\":\"a\",\"type\":\"login\",\"timestamp\":\"" + ts.trim() + "\",\"user_id\":\"u\"}"));
    assertThat(c.errors()).isEmpty();
    assertThat(c.event().timestamp()).isEqualTo(millis);
  }

  @Test
  void convert_manyProblems_reportsAllOfThem() {
    EventConverter.Conversion c = converter.convert(json(
        "{\"event_id\":5,\"type\":\"transaction\",\"timestamp\":\"soon\",\"amount\":\"x\",\"currency\":\"euro\"}"));
    assertThat(c.errors()).extracting(ItemError::field)
        .containsExactly("event_id", "timestamp", "user_id", "amount", "currency");
    assertThat(converter.eventIdHint(json("{\"event_id\":5}"))).isNull();
  }

  @Test
  void convert_nonObject_isWholeItemError() {
    EventConverter.Conversion c = converter.convert(json("[5]").get(0));
    assertThat(c.errors()).containsExactly(new ItemError("$", "must be a JSON object"));
  }

  @Test
  void convert_explicitAttributes_mergeWithTopLevelExtras() {
    EventConverter.Conversion c = converter.convert(json(
        "{\"event_id\":\"a\",\"type\":\"login\",\"timestamp\":1795600000000,\"user_id\":\"u\","
            + "\"attributes\":{\"k\":1},\"x\":\"y\"}"));
    assertThat(c.event().attributes()).containsEntry("k", 1L).containsEntry("x", "y");
    assertThat(c.event().fields()).containsOnlyKeys("user_id");
  }

  @Test
  void convert_decimal_keepsValueExactly() {
    assertThat(FieldValues.decimal(new BigDecimal("0.100"))).isEqualTo(new BigDecimal("0.1"));
    assertThat(FieldValues.decimal(new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1000"));
    assertThat(FieldValues.decimal(new BigDecimal("999999999999999999.999999999999999999")))
        .isEqualTo(new BigDecimal("999999999999999999.999999999999999999"));
  }
}
