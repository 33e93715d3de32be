package dev.vigil.rules.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The event types every Vigil node knows: {@code transaction}, {@code login}, {@code account_update}. */
public final class BuiltInTypes {

  /** Transaction statuses Vigil accepts. */
  public static final Set<String> TRANSACTION_STATUSES =
      Set.of("approved", "declined", "pending", "reversed", "refunded", "chargeback");

  public static final EventType TRANSACTION =
      new EventType(
          "transaction",
          List.of(
              FieldSpec.key("user_id").asRequired(),
              FieldSpec.of("amount", FieldType.DECIMAL).asRequired().withMin(BigDecimal.ZERO),
              FieldSpec.of("currency", FieldType.STRING).asRequired().withFormat(FieldFormat.CURRENCY),
              FieldSpec.key("card_id"),
              FieldSpec.key("merchant_id"),
              FieldSpec.of("country", FieldType.STRING).withFormat(FieldFormat.COUNTRY),
              FieldSpec.of("status", FieldType.STRING).withAllowed(TRANSACTION_STATUSES),
              FieldSpec.of("ip", FieldType.STRING).withFormat(FieldFormat.IP),
              FieldSpec.key("device_id"),
              FieldSpec.of("channel", FieldType.STRING)),
          true);

  public static final EventType LOGIN =
      new EventType(
          "login",
          List.of(
              FieldSpec.key("user_id").asRequired(),
              FieldSpec.key("device_id"),
              FieldSpec.of("ip", FieldType.STRING).withFormat(FieldFormat.IP),
              FieldSpec.of("country", FieldType.STRING).withFormat(FieldFormat.COUNTRY),
              FieldSpec.of("success", FieldType.BOOLEAN),
              FieldSpec.of("new_device", FieldType.BOOLEAN)),
          true);

  public static final EventType ACCOUNT_UPDATE =
      new EventType(
          "account_update",
          List.of(
              FieldSpec.key("user_id").asRequired(),
              FieldSpec.of("field", FieldType.STRING).asRequired(),
              FieldSpec.of("old_value", FieldType.STRING),
              FieldSpec.of("new_value", FieldType.STRING)),
          true);

  private BuiltInTypes() {}

  public static List<EventType> all() {
    return List.of(TRANSACTION, LOGIN, ACCOUNT_UPDATE);
  }
}
