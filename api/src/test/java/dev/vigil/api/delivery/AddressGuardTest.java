package dev.vigil.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard's address and URL checks. Only literals are parsed here: InetAddress.getByName on
 * a literal never does DNS, and nothing in this class opens a connection.
 */
class AddressGuardTest {

  private final AddressGuard strict = new AddressGuard(List.of());

  private static String refusal(String literal) throws Exception {
    return AddressGuard.refusal(InetAddress.getByName(literal));
  }

  @Test
  void refusal_internalAddresses_refused() throws Exception {
    for (String a : List.of("127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1",
        "::127.0.0.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "10.1.2.3", "172.16.0.1",
        "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
        "255.255.255.255", "240.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::ffff:10.0.0.1", "198.18.0.1")) {
      assertThat(refusal(a)).as(a).isNotNull();
    }
  }

  @Test
  void refusal_publicAddresses_allowed() throws Exception {
    for (String a : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
        "::ffff:8.8.8.8", "192.169.0.1")) {
      assertThat(refusal(a)).as(a).isNull();
    }
  }

  @Test
  void check_numericHostForms_refused() {
    for (String url : List.of("https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/",
        "https://127.1/", "https://0x7f.0.0.1/", "https://017700000001/")) {
      assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(AddressGuard.RefusedException.class)
          .hasMessageContaining("non-canonical");
    }
  }

  @Test
  void checkAndResolve_loopbackLiterals_refusedWithoutAllowlist() {
    for (String url : List.of("https://127.0.0.1/x", "https://[::1]/x", "https://[::ffff:127.0.0.1]:8443/",
        "https://169.254.169.254/latest/meta-data", "https://[fc00::1]/")) {
      assertThatThrownBy(() -> strict.resolve(strict.check(url))).as(url)
          .isInstanceOf(AddressGuard.RefusedException.class);
    }
  }

  @Test
  void check_plainHttpOrOddUrls_refused() {
    for (String url : List.of("http://example.com/", "ftp://example.com/", "https://user:pw@example.com/",
        "not a url", "https:///path", "file:///etc/passwd")) {
      assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(AddressGuard.RefusedException.class);
    }
  }

  @Test
  void allowlist_cidrOrHost_admitsLoopbackAndHttp() throws Exception {
    AddressGuard guard = new AddressGuard(List.of("127.0.0.1/32", "hooks.internal"));
    AddressGuard.Target t = guard.check("http://127.0.0.1:9000/hook?a=1");
    assertThat(t.allowlistedHost()).isTrue();
    assertThat(t.port()).isEqualTo(9000);
    assertThat(t.pathAndQuery()).isEqualTo("/hook?a=1");
    assertThat(guard.resolve(t)).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
    assertThat(guard.check("http://HOOKS.internal/").allowlistedHost()).isTrue();
    assertThatThrownBy(() -> guard.resolve(guard.check("https://[::1]/"))).isInstanceOf(AddressGuard.RefusedException.class);
    assertThatThrownBy(() -> guard.check("http://127.0.0.2/")).isInstanceOf(AddressGuard.RefusedException.class);
  }

  @Test
  void allowlist_badEntry_throws() {
    assertThatThrownBy(() -> new AddressGuard(List.of("10.0.0.0/99"))).isInstanceOf(IllegalArgumentException.class);
  }
}
