package dev.vigil.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  /** The example of the Standard Webhooks specification (and its reference libraries' tests). */
  @Test
  void sign_specExample_matchesSpec() {
    String sig = Signatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330L, "{\"test\": 2432232314}");
    assertThat(sig).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void header_twoSecrets_twoSpaceSeparatedSignatures() {
    String a = Signatures.newSecret();
    String b = Signatures.newSecret();
    String header = Signatures.header(List.of(a, b), "id", 1, "{}");
    assertThat(header.split(" ")).containsExactly(Signatures.sign(a, "id", 1, "{}"), Signatures.sign(b, "id", 1, "{}"));
  }

  @Test
  void newSecret_whsecPrefixAnd24RandomBytes() {
    String s = Signatures.newSecret();
    assertThat(s).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(s.substring(6))).hasSize(24);
    assertThat(Signatures.newSecret()).isNotEqualTo(s);
  }
}
