package dev.vigil.rules.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FieldSpecTest {

  @Test
  void check_missingRequired_isRequired() {
    assertThat(FieldSpec.key("user_id").asRequired().check(null)).isEqualTo("is required");
    assertThat(FieldSpec.key("card_id").check(null)).isNull();
  }

  @Test
  void check_belowMin_namesBound() {
    FieldSpec amount = BuiltInTypes.TRANSACTION.field("amount");
    assertThat(amount.check(new BigDecimal("-0.01"))).isEqualTo("must be >= 0");
    assertThat(amount.check(BigDecimal.ZERO)).isNull();
  }

  @Test
  void check_wrongJavaType_namesType() {
    assertThat(BuiltInTypes.TRANSACTION.field("amount").check("12")).isEqualTo("must be of type decimal");
  }

  @Test
  void check_notAllowedStatus_listsAllowed() {
    assertThat(BuiltInTypes.TRANSACTION.field("status").check("stolen")).startsWith("must be one of [");
    assertThat(BuiltInTypes.TRANSACTION.field("status").check("declined")).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "CURRENCY, USD, true", "CURRENCY, usd, false", "CURRENCY, XYZ, false", "CURRENCY, EURO, false",
    "COUNTRY, DE, true", "COUNTRY, de, false", "COUNTRY, ZZ, false",
    "IP, 203.0.113.7, true", "IP, 256.1.1.1, false", "IP, 2001:db8::1, true", "IP, example.com, false",
    "IP, ::1, true", "IP, 1.2.3, false"
  })
  void format_check_acceptsOnlyValid(FieldFormat format, String value, boolean valid) {
    assertThat(format.check(value) == null).isEqualTo(valid);
  }

  @Test
  void declarationProblems_badDeclaration_listsEach() {
    EventType t = EventType.custom("Bad-Name", List.of(
        FieldSpec.of("timestamp", FieldType.STRING),
        new FieldSpec("n", FieldType.INTEGER, false, true, FieldFormat.NONE, null, null),
        FieldSpec.of("flag", FieldType.BOOLEAN).withMin(BigDecimal.ONE),
        FieldSpec.of("n", FieldType.STRING)));
    assertThat(t.declarationProblems()).extracting(Map.Entry::getKey)
        .containsExactly("name", "fields.timestamp", "fields.n", "fields.flag", "fields.n");
  }

  @Test
  void builtIns_areValidDeclarations_withExpectedKeys() {
    for (EventType t : BuiltInTypes.all()) {
      assertThat(t.declarationProblems()).as(t.name()).isEmpty();
    }
    assertThat(BuiltInTypes.TRANSACTION.keys()).containsExactly("user_id", "card_id", "merchant_id", "device_id");
  }
}
