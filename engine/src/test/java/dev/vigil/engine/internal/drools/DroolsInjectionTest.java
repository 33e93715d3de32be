package dev.vigil.engine.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.Decision;
import dev.vigil.engine.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules module's DRL injection payloads, run in real Drools: each is compiled as a string
 * literal and as a label, and the line must fire exactly for an event whose field equals the
 * payload, with the label reported verbatim. Nothing else happens (a payload that escaped would
 * fail the build, exit the JVM or change the outcome).
 */
class DroolsInjectionTest {

  static final List<String> PAYLOADS = List.of(
      "\"); System.exit(0); (\"",
      "\\\"); System.exit(0); //",
      "\\u0022); System.exit(0); //",
      "\\\\u0022 + java.lang.Runtime.getRuntime().exec(\"id\") + \\u0022",
      "*/ end rule \"x\" when then System.exit(0); end /*",
      "${java:os} #{1+1} `bt` 'sq' $in.verdict(0)",
      "modify($in) { } insert(new Object()) eval(true)",
      "\\",
      "caf\u00e9 \u4e2d\u6587");

  private static String dsl(String payload) {
    return "\"" + payload.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void payloads_stayDataInDrools() throws Exception {
    StringBuilder text = new StringBuilder("decision probe on transaction\n");
    for (String p : PAYLOADS) {
      text.append("  score 1 ").append(dsl(p)).append(" when country == ").append(dsl(p))
          .append(" or status starts_with ").append(dsl(p)).append('\n');
    }
    text.append("  block when score >= 2\n  allow otherwise\n");
    DecisionFixture f = new DecisionFixture();
    f.deploy("probe.vgl", text.toString());
    for (int i = 0; i < PAYLOADS.size(); i++) {
      String p = PAYLOADS.get(i);
      Event e = new Event("e" + i, "transaction", 1, Map.of("user_id", "u", "country", p), Map.of());
      Decision d = f.decisions.decide(e, true);
      assertThat(d.outcome()).as(p).isEqualTo("allow");
      assertThat(d.reasons()).as(p).containsExactly(new Decision.Reason("probe." + (i + 1), 1, p));
    }
    Event none = new Event("x", "transaction", 1, Map.of("user_id", "u", "country", "DE"), Map.of());
    assertThat(f.decisions.decide(none, true).reasons()).isEmpty();
  }
}
