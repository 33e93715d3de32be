package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Alert;
import dev.vigil.engine.ApiKeyRecord;
import dev.vigil.engine.EntityRef;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldFormat;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCodecsTest {

  @Test
  void alert_allFieldsSet_roundTrips() {
    Alert alert =
        new Alert("a-1", "velocity", 3, "high", new EntityRef("user_id", "u-42"), 1_000L, 61_000L, 60_500L,
            List.of("e-1", "e-2", "e-3"), "5 transactions in 60 s", 1_700_000_000_000L);

    assertThat(AlertCodec.decode(AlertCodec.encode(alert))).isEqualTo(alert);
  }

  @Test
  void alert_optionalFieldsNull_roundTrips() {
    Alert alert = new Alert("a-2", "r", 1, null, EntityRef.GLOBAL, null, null, 5L, List.of(), null, 6L);

    assertThat(AlertCodec.decode(AlertCodec.encode(alert))).isEqualTo(alert);
  }

  @Test
  void alertIndexEntry_roundTrips() {
    Alert alert = new Alert("a-3", "r", 1, "low", new EntityRef("card_id", "c-1"), null, null, 5L, List.of(), "m", 6L);

    assertThat(AlertCodec.decodeIndexEntry(AlertCodec.encodeIndexEntry(alert)))
        .isEqualTo(new AlertCodec.IndexEntry("a-3", "r", "low", "c-1"));
  }

  @Test
  void apiKey_activeAndRevoked_roundTrip() {
    ApiKeyRecord active = new ApiKeyRecord("k1", "ingest", Set.of("events:write", "alerts:read"), "ab12", 10L, null);
    ApiKeyRecord revoked = new ApiKeyRecord("k2", "old", Set.of(), "cd34", 11L, 99L);

    assertThat(ApiKeyCodec.decode(ApiKeyCodec.encode(active))).isEqualTo(active);
    assertThat(ApiKeyCodec.decode(ApiKeyCodec.encode(revoked))).isEqualTo(revoked);
  }

  @Test
  void eventType_builtIns_roundTrip() {
    for (EventType type : BuiltInTypes.all()) {
      assertThat(EventTypeCodec.decode(EventTypeCodec.encode(type))).isEqualTo(type);
    }
  }

  @Test
  void eventType_customWithFormatMinAllowed_roundTrips() {
    EventType type =
        EventType.custom(
            "authorization",
            List.of(
                FieldSpec.key("payment_id").asRequired(),
                FieldSpec.of("amount", FieldType.DECIMAL).withMin(new BigDecimal("0.0001")),
                FieldSpec.of("tries", FieldType.INTEGER).withMin(BigDecimal.ONE),
                FieldSpec.of("at", FieldType.TIMESTAMP),
                FieldSpec.of("ok", FieldType.BOOLEAN),
                FieldSpec.of("ip", FieldType.STRING).withFormat(FieldFormat.IP),
                FieldSpec.of("kind", FieldType.STRING).withAllowed(Set.of("a", "b", "c"))));

    EventType decoded = EventTypeCodec.decode(EventTypeCodec.encode(type));

    assertThat(decoded).isEqualTo(type);
    assertThat(decoded.field("amount").min()).isEqualTo(new BigDecimal("0.0001"));
    assertThat(decoded.field("kind").allowed()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(decoded.field("ip").allowed()).isNull();
  }

  @Test
  void eventType_withLateness_roundTrips() {
    EventType type = EventType.custom("click", List.of(FieldSpec.key("page_id")), java.time.Duration.ofSeconds(45));

    assertThat(EventTypeCodec.decode(EventTypeCodec.encode(type))).isEqualTo(type);
    assertThat(EventTypeCodec.encode(type)[0]).isEqualTo((byte) 2);
  }

  @Test
  void eventType_format1Record_readsWithDefaultLateness() {
    // Format 1, as written before lateness existed: name, builtIn, one key field "k".
    byte[] v1 =
        Encoding.encode(
            1,
            out -> {
              Encoding.writeString(out, "old");
              out.writeBoolean(false);
              out.writeInt(1);
              Encoding.writeString(out, "k");
              Encoding.writeString(out, "STRING");
              out.writeBoolean(false);
              out.writeBoolean(true);
              Encoding.writeString(out, "NONE");
              Encoding.writeNullableDecimal(out, null);
              out.writeBoolean(false);
            });

    EventType decoded = EventTypeCodec.decode(v1);

    assertThat(decoded).isEqualTo(EventType.custom("old", List.of(FieldSpec.key("k"))));
    assertThat(decoded.lateness()).isNull();
  }
}
