package dev.vigil.rules.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventTypeNameTest {
  /** The documented rule; the check is written out by hand and must agree with it. */
  private static final Pattern DOCUMENTED = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  @Test
  void isValidName_agreesWithTheDocumentedPattern() {
    String[] names = {"transaction", "a", "a_1", "login2", "x".repeat(64), "x".repeat(65), "", "1abc", "_a",
        "Transaction", "tran-saction", "trans action", "é", "a\u0000", "z9_", "account_update", "a.b"};
    for (String n : names) {
      assertThat(EventType.isValidName(n)).as(n).isEqualTo(DOCUMENTED.matcher(n).matches());
    }
    assertThat(EventType.isValidName(null)).isFalse();
    for (char c = 0; c < 512; c++) {
      String n = "a" + c;
      assertThat(EventType.isValidName(n)).as("char %d", (int) c).isEqualTo(DOCUMENTED.matcher(n).matches());
      n = String.valueOf(c);
      assertThat(EventType.isValidName(n)).as("first char %d", (int) c).isEqualTo(DOCUMENTED.matcher(n).matches());
    }
  }
}
