package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Event;
import dev.vigil.engine.StorageException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void roundTrip_declaredFieldsOfEveryType_equal() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("user_id", "u-42");
    fields.put("amount", new BigDecimal("12.50"));
    fields.put("count", 7L);
    fields.put("success", true);
    fields.put("new_device", false);
    Event event = new Event("e-1", "transaction", 1_700_000_000_123L, fields, Map.of());

    Event decoded = EventCodec.decode(EventCodec.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.fields().keySet()).containsExactly("user_id", "amount", "count", "success", "new_device");
  }

  @Test
  void roundTrip_bigDecimal_keepsPrecisionAndScale() {
    BigDecimal huge = new BigDecimal("123456789012345678901234567890.000000000000000000000000000001");
    BigDecimal negative = new BigDecimal("-0.0000000000000000000000000000000000000001");
    BigDecimal scaled = new BigDecimal("1E+40");
    BigDecimal trailingZeros = new BigDecimal("1.500");
    Event event =
        new Event("e", "t", 0, Map.of("a", huge, "b", negative, "c", scaled, "d", trailingZeros), Map.of());

    Event decoded = EventCodec.decode(EventCodec.encode(event));

    assertThat(decoded.field("a")).isEqualTo(huge);
    assertThat(decoded.field("b")).isEqualTo(negative);
    assertThat(decoded.field("c")).isEqualTo(scaled);
    assertThat(((BigDecimal) decoded.field("d")).scale()).isEqualTo(3);
  }

  @Test
  void roundTrip_nestedAttributesWithNulls_equal() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", null);
    inner.put("list", Arrays.asList(1L, "two", null, new BigDecimal("3.0"), List.of(Map.of("deep", true))));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("meta", inner);
    attributes.put("empty_list", List.of());
    attributes.put("empty_map", Map.of());
    attributes.put("nothing", null);
    attributes.put("text", "ünïcödé ✓ \u0000 " + "x".repeat(70_000));
    Event event = new Event("id-ü", "custom", -5L, Map.of(), attributes);

    Event decoded = EventCodec.decode(EventCodec.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.attributes().keySet()).containsExactly("meta", "empty_list", "empty_map", "nothing", "text");
  }

  @Test
  void encode_integerAttribute_widenedToLong() {
    Event event = new Event("e", "t", 0, Map.of(), Map.of("n", 5));

    assertThat(EventCodec.decode(EventCodec.encode(event)).attributes()).containsEntry("n", 5L);
  }

  @Test
  void encode_unsupportedValueType_rejected() {
    Event event = new Event("e", "t", 0, Map.of(), Map.of("d", 1.5d));

    assertThatThrownBy(() -> EventCodec.encode(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Double");
  }

  @Test
  void decode_unknownFormat_failsWithStorageException() {
    byte[] bytes = EventCodec.encode(new Event("e", "t", 0, Map.of(), Map.of()));
    bytes[0] = 9;

    assertThatThrownBy(() -> EventCodec.decode(bytes))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("unknown record format 9");
  }

  @Test
  void decode_truncated_failsWithStorageException() {
    byte[] bytes = EventCodec.encode(new Event("e", "t", 0, Map.of("a", "b"), Map.of()));

    assertThatThrownBy(() -> EventCodec.decode(Arrays.copyOf(bytes, bytes.length - 2)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Corrupt event");
  }

  @Test
  void roundTrip_recordFarLargerThanTheInitialBuffer_equal() {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < 200; i++) {
      fields.put("f" + i, "v".repeat(i) + i);
    }
    Event event = new Event("e-big", "t", 7L, fields, Map.of("note", "x".repeat(100_000)));

    assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
  }
}
