package dev.vigil.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyTokenTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void generate_token_hasDocumentedShapeAndParsesBack() {
    KeyToken t = KeyToken.generate(random);
    assertThat(t.token()).matches("vgl_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(t.secret())).hasSize(32);
    assertThat(KeyToken.parse(t.token())).contains(t);
  }

  @Test
  void generate_twice_differs() {
    assertThat(KeyToken.generate(random)).isNotEqualTo(KeyToken.generate(random));
  }

  @Test
  void parse_otherShapes_areEmpty() {
    assertThat(KeyToken.parse("vgl_short_x")).isEmpty();
    assertThat(KeyToken.parse("vgl_ABCDEFGHIJKL_secret")).isEmpty();
    assertThat(KeyToken.parse("abc_abcdefghijkl_secret")).isEmpty();
    assertThat(KeyToken.parse("vgl_abcdefghijkl_")).isEmpty();
    assertThat(KeyToken.parse(null)).isEmpty();
  }

  @Test
  void hash_isHexSha256_andMatchesOnlyTheSecret() {
    assertThat(KeyToken.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(KeyToken.matches("abc", KeyToken.hash("abc"))).isTrue();
    assertThat(KeyToken.matches("abd", KeyToken.hash("abc"))).isFalse();
    assertThat(KeyToken.matches("abc", "not-hex")).isFalse();
  }

  @Test
  void toString_neverShowsTheSecret() {
    KeyToken t = KeyToken.generate(random);
    assertThat(t.toString()).doesNotContain(t.secret());
  }
}
