package dev.vigil.rules.epl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.CompiledRuleSet;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Semantics of the samples under samples/rules/dsl: the generated EPL runs in a real Esper
 * runtime on event time, events go in, the exact output rows come out. The engine adds
 * suppression and alert storage on top; these rows are what it receives.
 */
class SampleRulesEsperTest {

  private static final long MIN = 60_000L;

  static CompiledRuleSet compile(String file) throws Exception {
    String text = Files.readString(Path.of("../samples/rules/dsl", file));
    return new RuleCompiler().compile(file, text);
  }

  static EsperHarness deploy(String file) throws Exception {
    CompiledRuleSet set = compile(file);
    List<EventType> types = new ArrayList<>(BuiltInTypes.all());
    types.addAll(set.declaredTypes());
    CompiledRule rule = set.rules().get(0);
    return new EsperHarness(types, rule.epl(), rule.firing());
  }

  @Test
  void filter_foreignLargeTransaction_oneAlertPerMatchingEvent() throws Exception {
    try (EsperHarness h = deploy("01_large_foreign_transaction.vgl")) {
      String hit = h.send("transaction", 1000, "user_id", "u1", "amount", 9500, "currency", "EUR", "country", "DE");
      h.send("transaction", 2000, "user_id", "u1", "amount", 9500, "currency", "USD", "country", "US");
      h.send("transaction", 3000, "user_id", "u1", "amount", 100, "currency", "EUR", "country", "DE");
      h.send("transaction", 4000, "user_id", "u1", "amount", 9500, "currency", "EUR");
      h.send("transaction", 5000, "amount", 9500, "currency", "EUR", "country", "DE");
      assertThat(h.rows()).containsExactly(
          Map.of("user_id", "u1", "event_id", hit, "message", "User u1: 9500 EUR in DE"));
    }
  }

  @Test
  void sliding_21stTransactionWithin5Minutes_alerts() throws Exception {
    try (EsperHarness h = deploy("02_velocity_sliding.vgl")) {
      for (int i = 0; i < 20; i++) {
        h.send("transaction", i * 10_000L, "user_id", "u1", "amount", 1, "currency", "EUR");
        h.send("transaction", i * 10_000L + 1, "user_id", "u2", "amount", 1, "currency", "EUR");
      }
      assertThat(h.rows()).isEmpty();
      h.send("transaction", 200_000L, "user_id", "u1", "amount", 1, "currency", "EUR");
      assertThat(h.rows()).hasSize(1);
      Map<String, Object> row = h.rows().get(0);
      assertThat(row.get("user_id")).isEqualTo("u1");
      assertThat(row.get("message")).isEqualTo("User u1: 21 transactions within 5 minutes");
      assertThat(row).as("the engine names the event being sent").doesNotContainKey("event_ids");
      assertThat(row.get("window_start")).as("(now - 5m, now]").isEqualTo(200_000L - 5 * MIN);
      assertThat(row.get("window_end")).isEqualTo(200_000L);
    }
  }

  @Test
  void sliding_withEvidenceWindow_listsEveryEventOfTheWindowAndItsFirstAndLastTime() throws Exception {
    String text = Files.readString(Path.of("../samples/rules/dsl", "02_velocity_sliding.vgl")) + "  evidence window\n";
    CompiledRule rule = new RuleCompiler().compile("evidence.vgl", text).rules().get(0);
    try (EsperHarness h = new EsperHarness(BuiltInTypes.all(), rule.epl(), rule.firing())) {
      for (int i = 0; i < 25; i++) {
        h.send("transaction", 60_000L + i * 10_000L, "user_id", "u1", "amount", 1, "currency", "EUR");
      }
      assertThat(h.rows()).as("the 21st to 25th arrivals").hasSize(5);
      Map<String, Object> row = h.rows().get(0);
      assertThat((List<?>) row.get("event_ids")).hasSize(21);
      assertThat(row.get("window_start")).isEqualTo(60_000L);
      assertThat(row.get("window_end")).isEqualTo(260_000L);
      h.send("transaction", 400_000L, "user_id", "u1", "amount", 1, "currency", "EUR");
      Map<String, Object> last = h.rows().get(h.rows().size() - 1);
      assertThat((List<?>) last.get("event_ids")).as("events after 100 000 ms (400 000 - 5 min)").hasSize(21);
      assertThat(last.get("window_start")).isEqualTo(110_000L);
    }
  }

  @Test
  void sliding_eventsLeavingTheWindow_doNotRaiseAlerts() throws Exception {
    try (EsperHarness h = deploy("02_velocity_sliding.vgl")) {
      for (int i = 0; i < 23; i++) {
        h.send("transaction", i * 1000L, "user_id", "u1", "amount", 1, "currency", "EUR");
      }
      assertThat(h.rows()).as("the 21st, 22nd and 23rd arrivals").hasSize(3);
      h.advance(5 * MIN + 500);
      h.advance(5 * MIN + 1500);
      h.advance(5 * MIN + 2500);
      assertThat(h.rows()).as("expiry changes the count but is not an arrival").hasSize(3);
    }
  }

  @Test
  void tumbling_busyDecliningMinute_alertsOnceWhenTheMinuteCloses() throws Exception {
    try (EsperHarness h = deploy("03_merchant_declines_tumbling.vgl")) {
      for (int i = 0; i < 20; i++) {
        String status = i < 11 ? "declined" : "approved";
        h.send("transaction", MIN + i * 1000L, "user_id", "u" + i, "merchant_id", "m1", "amount", 5,
            "currency", "EUR", "status", status);
        h.send("transaction", MIN + i * 1000L + 1, "user_id", "u" + i, "merchant_id", "m2", "amount", 5,
            "currency", "EUR", "status", "approved");
      }
      assertThat(h.rows()).isEmpty();
      h.advance(2 * MIN);
      assertThat(h.rows()).hasSize(1);
      Map<String, Object> row = h.rows().get(0);
      assertThat(row.get("merchant_id")).isEqualTo("m1");
      assertThat(row.get("window_start")).isEqualTo(MIN);
      assertThat(row.get("window_end")).isEqualTo(2 * MIN);
      assertThat(row.get("message")).isEqualTo("Merchant m1: 20 transactions in a minute, most declined");
      h.advance(3 * MIN);
      assertThat(h.rows()).hasSize(1);
    }
  }

  @Test
  void session_spendOver5000BeforeAGap_alerts_andAGapResets() throws Exception {
    try (EsperHarness h = deploy("04_session_spree.vgl")) {
      h.send("transaction", 0, "user_id", "u1", "card_id", "c1", "amount", 2000, "currency", "EUR");
      h.send("transaction", 10 * MIN, "user_id", "u1", "card_id", "c1", "amount", 2000, "currency", "EUR");
      h.send("transaction", 50 * MIN, "user_id", "u1", "card_id", "c1", "amount", 2000, "currency", "EUR");
      assertThat(h.rows()).as("the 40-minute gap ended the first session").isEmpty();
      h.send("transaction", 70 * MIN, "user_id", "u1", "card_id", "c1", "amount", 2000, "currency", "EUR");
      h.send("transaction", 90 * MIN, "user_id", "u1", "card_id", "c2", "amount", 1500, "currency", "EUR");
      assertThat(h.rows()).hasSize(1);
      assertThat(h.rows().get(0).get("message")).isEqualTo("User u1: 2 cards, 5500 spent in one session");
      assertThat(h.rows().get(0).get("window_start")).isEqualTo(50 * MIN);
    }
  }

  @Test
  void global_runningTotalAboveAMillion_alertsOnEveryFurtherEvent() throws Exception {
    try (EsperHarness h = deploy("05_running_total.vgl")) {
      h.send("transaction", 0, "user_id", "u1", "amount", 600_000, "currency", "EUR");
      h.send("transaction", 1, "user_id", "u2", "amount", 400_000, "currency", "EUR");
      assertThat(h.rows()).isEmpty();
      String id = h.send("transaction", 2, "user_id", "u3", "amount", "0.01", "currency", "EUR");
      assertThat(h.rows()).containsExactly(Map.of("event_id", id, "message", "Total volume is 1000000.01"));
    }
  }

  @Test
  void sequence_smallThenLargeOnSameCardWithin10m_alerts() throws Exception {
    try (EsperHarness h = deploy("06_card_testing.vgl")) {
      String small = h.send("transaction", 0, "user_id", "u1", "card_id", "c1", "amount", "1.00", "currency", "EUR");
      h.send("transaction", MIN, "user_id", "u1", "card_id", "c2", "amount", 600, "currency", "EUR");
      String large = h.send("transaction", 2 * MIN, "user_id", "u1", "card_id", "c1", "amount", 600, "currency", "EUR");
      h.send("transaction", 3 * MIN, "user_id", "u1", "card_id", "c3", "amount", "1.00", "currency", "EUR");
      h.send("transaction", 14 * MIN, "user_id", "u1", "card_id", "c3", "amount", 700, "currency", "EUR");
      assertThat(h.rows()).hasSize(1);
      Map<String, Object> row = h.rows().get(0);
      assertThat(row.get("card_id")).isEqualTo("c1");
      assertThat(row.get("event_ids")).isEqualTo(List.of(small, large));
      assertThat(row.get("message")).isEqualTo("Card c1: 1.00 then 600 after 120s");
      assertThat(row.get("window_start")).isEqualTo(0L);
      assertThat(row.get("window_end")).isEqualTo(2 * MIN);
    }
  }

  @Test
  void multiTypeSequence_passwordNewDeviceLargeSpend_alerts() throws Exception {
    try (EsperHarness h = deploy("07_account_takeover.vgl")) {
      String a = h.send("account_update", 0, "user_id", "u1", "field", "password");
      h.send("login", MIN, "user_id", "u1", "device_id", "d0", "new_device", false);
      String b = h.send("login", 2 * MIN, "user_id", "u1", "device_id", "d9", "new_device", true);
      h.send("transaction", 3 * MIN, "user_id", "u2", "amount", 5000, "currency", "EUR");
      String c = h.send("transaction", 4 * MIN, "user_id", "u1", "amount", 5000, "currency", "EUR");
      assertThat(h.rows()).hasSize(1);
      assertThat(h.rows().get(0).get("event_ids")).isEqualTo(List.of(a, b, c));
      assertThat(h.rows().get(0).get("message"))
          .isEqualTo("User u1: password changed, new device d9, then 5000 EUR");
    }
  }

  @Test
  void absence_authorizationWithoutSettlement_alertsWhenTheTwoHoursPass() throws Exception {
    try (EsperHarness h = deploy("08_unsettled_authorization.vgl")) {
      h.send("authorization", 0, "payment_id", "p1", "amount", 10, "merchant", "shop");
      String p2 = h.send("authorization", MIN, "payment_id", "p2", "amount", 20, "merchant", "shop");
      h.send("settlement", 60 * MIN, "payment_id", "p1", "amount", 10);
      h.advance(120 * MIN);
      assertThat(h.rows()).isEmpty();
      h.advance(121 * MIN);
      assertThat(h.rows()).hasSize(1);
      Map<String, Object> row = h.rows().get(0);
      assertThat(row.get("payment_id")).isEqualTo("p2");
      assertThat(row.get("event_ids")).isEqualTo(List.of(p2));
      assertThat(row.get("message")).isEqualTo("Payment p2: 20 at shop not settled after 2h");
      assertThat(row.get("window_end")).isEqualTo(121 * MIN);
    }
  }

  @Test
  void crossEventReference_differentCountryWithin30m_alerts() throws Exception {
    try (EsperHarness h = deploy("09_impossible_travel.vgl")) {
      h.send("transaction", 0, "user_id", "u1", "amount", 1, "currency", "EUR", "country", "US");
      h.send("transaction", MIN, "user_id", "u1", "amount", 1, "currency", "EUR", "country", "US");
      h.send("transaction", 2 * MIN, "user_id", "u2", "amount", 1, "currency", "EUR", "country", "DE");
      assertThat(h.rows()).isEmpty();
      h.send("transaction", 5 * MIN, "user_id", "u1", "amount", 1, "currency", "EUR", "country", "DE");
      assertThat(h.rows()).extracting(r -> r.get("message"))
          .containsExactly("User u1: US then DE within 300s", "User u1: US then DE within 240s");
    }
  }

  @Test
  void distinct_sixthCardOnADeviceWithinAnHour_alerts() throws Exception {
    try (EsperHarness h = deploy("10_shared_device.vgl")) {
      for (int i = 1; i <= 5; i++) {
        h.send("transaction", i * MIN, "user_id", "u1", "device_id", "d1", "card_id", "c" + i, "amount", 1, "currency", "EUR");
        h.send("transaction", i * MIN, "user_id", "u1", "device_id", "d1", "card_id", "c1", "amount", 1, "currency", "EUR");
      }
      assertThat(h.rows()).isEmpty();
      h.send("transaction", 10 * MIN, "user_id", "u1", "device_id", "d1", "card_id", "c6", "amount", 1, "currency", "EUR");
      assertThat(h.rows()).extracting(r -> r.get("message")).containsExactly("Device d1: 6 cards within an hour");
    }
  }

  @Test
  void customStream_hotSensorOverATumblingWindow_alerts() throws Exception {
    try (EsperHarness h = deploy("12_overheating_sensor.vgl")) {
      h.send("reading", 0, "sensor_id", "s1", "celsius", 79);
      h.send("reading", MIN, "sensor_id", "s1", "celsius", 85);
      h.send("reading", MIN, "sensor_id", "s2", "celsius", 20);
      h.advance(5 * MIN);
      assertThat(h.rows()).hasSize(1);
      assertThat(h.rows().get(0).get("sensor_id")).isEqualTo("s1");
      assertThat(h.rows().get(0).get("message")).isEqualTo("Sensor s1: average 82.0 C over 5 minutes");
      assertThat(h.rows().get(0).get("window_end")).isEqualTo(5 * MIN);
      assertThat(compile("12_overheating_sensor.vgl").declaredTypes().get(0).keys()).containsExactly("sensor_id");
    }
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
