package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFieldMapTest {

  private static Map<String, Object> source() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user_id", "u-1");
    m.put("amount", new BigDecimal("12.5"));
    m.put("note", null);
    m.put("flag", Boolean.TRUE);
    return m;
  }

  @Test
  void eventFields_keepOrderValuesAndNulls() {
    Event e = new Event("e-1", "transaction", 1L, source(), Map.of());

    assertThat(e.fields()).isEqualTo(source()).hasSize(4);
    assertThat(new ArrayList<>(e.fields().keySet())).containsExactly("user_id", "amount", "note", "flag");
    assertThat(e.fields().containsKey("note")).isTrue();
    assertThat(e.fields().get("note")).isNull();
    assertThat(e.fields().containsKey("missing")).isFalse();
    assertThat(e.field("amount")).isEqualTo(new BigDecimal("12.5"));
    assertThat(e.fields().hashCode()).isEqualTo(source().hashCode());
    assertThat(e).isEqualTo(new Event("e-1", "transaction", 1L, source(), Map.of()));
  }

  @Test
  void eventFields_areReadOnlyAndDetachedFromTheSource() {
    Map<String, Object> source = source();
    Event e = new Event("e-1", "transaction", 1L, source, null);
    source.put("user_id", "changed");

    assertThat(e.field("user_id")).isEqualTo("u-1");
    assertThat(e.attributes()).isEmpty();
    assertThatThrownBy(() -> e.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.fields().remove("user_id")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.fields().entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void lookup_equalNameOrCollidingHash_findsOnlyTheEqualName() {
    // "Aa" and "BB" have the same String hash: the hash must not stand in for equality.
    Event e = new Event("e-1", "t", 1L, Map.of("Aa", 1L), Map.of());

    assertThat(e.field(new String("Aa".toCharArray()))).isEqualTo(1L);
    assertThat(e.field("BB")).isNull();
    assertThat(e.fields().containsKey("BB")).isFalse();
    assertThat(e.fields().get(42)).isNull();
  }

  @Test
  void fewValuedStrings_areSharedBetweenEvents() {
    Event a = new Event("a", "t", 1L, Map.of("country", new String("DE".toCharArray())), Map.of());
    Event b = new Event("b", "t", 2L, Map.of("country", new String("DE".toCharArray())), Map.of());

    assertThat(a.field("country")).isSameAs(b.field("country"));
  }

  @Test
  void manyValuedField_stopsBeingShared_valuesUnchanged() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < SharedStrings.VALUES_PER_FIELD + 10; i++) {
      events.add(new Event("e" + i, "t", i, Map.of("test_many_id", "id-" + i), Map.of()));
    }
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).field("test_many_id")).isEqualTo("id-" + i);
    }
    String late = new String("id-1".toCharArray());
    assertThat(SharedStrings.value("test_many_id", late)).isSameAs(late);
  }
}
