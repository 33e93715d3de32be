package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void timeKey_negativeAndPositiveTimes_byteOrderIsNumericOrder() {
    byte[] before = Keys.timeKey(-1, 5);
    byte[] zero = Keys.timeKey(0, 1);
    byte[] after = Keys.timeKey(1, 0);
    byte[] later = Keys.timeKey(1, 1);

    assertThat(Arrays.compareUnsigned(before, zero)).isNegative();
    assertThat(Arrays.compareUnsigned(zero, after)).isNegative();
    assertThat(Arrays.compareUnsigned(after, later)).isNegative();
    assertThat(Keys.createdAtOf(before)).isEqualTo(-1);
  }

  @Test
  void cursor_roundTrip_sameKey() {
    byte[] key = Keys.timeKey(1_700_000_000_000L, 42);

    String cursor = Keys.cursorOf(key);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(Keys.timeKeyOf(cursor)).isEqualTo(key);
  }

  @Test
  void timeKeyOf_malformedCursor_illegalArgument() {
    assertThatThrownBy(() -> Keys.timeKeyOf("not base64!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.timeKeyOf("AAAA")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.timeKeyOf("")).isInstanceOf(IllegalArgumentException.class);
  }
}
