package dev.vigil.samples.load;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Writes the built-in event types as compact NDJSON lines (docs/events.md). */
final class EventJson {
  private EventJson() {}

  static String amount(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** A transaction; {@code deviceId} may be null (card present, no device). */
  static String transaction(String id, long time, int user, int card, String deviceId, int merchant,
      String amount, int country, String status) {
    StringBuilder sb = new StringBuilder(260);
    envelope(sb, id, "transaction", time);
    sb.append(",\"user_id\":\"u").append(user).append('"')
        .append(",\"card_id\":\"c").append(user).append('-').append(card).append('"');
    if (deviceId != null) {
      sb.append(",\"device_id\":\"").append(deviceId).append('"');
    }
    sb.append(",\"merchant_id\":\"m").append(merchant).append('"')
        .append(",\"amount\":").append(amount)
        .append(",\"currency\":\"").append(Population.CURRENCIES[country]).append('"')
        .append(",\"country\":\"").append(Population.COUNTRIES[country]).append('"')
        .append(",\"status\":\"").append(status).append('"')
        .append(",\"channel\":\"").append(deviceId == null ? "pos" : "web").append("\"}");
    return sb.toString();
  }

  static String login(String id, long time, int user, String deviceId, int country, boolean success,
      boolean newDevice) {
    StringBuilder sb = new StringBuilder(200);
    envelope(sb, id, "login", time);
    return sb.append(",\"user_id\":\"u").append(user).append('"')
        .append(",\"device_id\":\"").append(deviceId).append('"')
        .append(",\"country\":\"").append(Population.COUNTRIES[country]).append('"')
        .append(",\"success\":").append(success)
        .append(",\"new_device\":").append(newDevice).append('}')
        .toString();
  }

  static String accountUpdate(String id, long time, int user, String field) {
    StringBuilder sb = new StringBuilder(160);
    envelope(sb, id, "account_update", time);
    return sb.append(",\"user_id\":\"u").append(user).append('"')
        .append(",\"field\":\"").append(field).append("\"}")
        .toString();
  }

  private static void envelope(StringBuilder sb, String id, String type, long time) {
    sb.append("{\"event_id\":\"").append(id).append('"')
        .append(",\"type\":\"").append(type).append('"')
        .append(",\"timestamp\":").append(time);
  }
}
