package dev.vigil.api.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSRF guard of webhook delivery: which URLs and addresses Vigil may send to. By default only
 * {@code https} to public unicast addresses; the operator's allowlist (host names and CIDRs)
 * admits more, and allowlisted hosts may use {@code http}. See docs/design/alert-delivery.md.
 *
 * <p>Callers resolve with {@link #resolve} and connect to one of the returned addresses, never to
 * the name again, so a DNS answer that changes after the check (rebinding) cannot redirect them.
 */
public final class AddressGuard {

  /** A URL or address the guard refuses; the message says why. */
  public static final class RefusedException extends Exception {
    public RefusedException(String message) {
      super(message, null, false, false);
    }
  }

  /** A checked URL: where to send, which host to name in {@code Host} and SNI. */
  public record Target(URI uri, String host, int port, boolean https, String pathAndQuery, boolean allowlistedHost) {}

  private static final Pattern CANONICAL_V4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final Set<String> hosts;
  private final List<Cidr> ranges;

  public AddressGuard(List<String> allowlist) {
    java.util.HashSet<String> names = new java.util.HashSet<>();
    List<Cidr> cidrs = new ArrayList<>();
    for (String entry : allowlist) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.contains("/") || isIpLiteral(e)) {
        cidrs.add(Cidr.parse(e));
      } else if (!e.isEmpty()) {
        names.add(e);
      }
    }
    this.hosts = Set.copyOf(names);
    this.ranges = List.copyOf(cidrs);
  }

  /** Checks the URL's form (scheme, host notation); does not resolve. */
  public Target check(String url) throws RefusedException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedException("not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new RefusedException("the URL must be https (or http for an allowlisted host)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedException("the URL must not contain user information");
    }
    String host = uri.getHost();
    if (host == null && uri.getRawAuthority() != null) {
      // java.net.URI leaves the host unset for names it does not accept, e.g. 0x7f000001
      host = uri.getRawAuthority().replaceFirst(":\\d*$", "");
    }
    if (host == null || host.isEmpty()) {
      throw new RefusedException("the URL has no host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!host.contains(":") && looksNumeric(host) && !CANONICAL_V4.matcher(host).matches()) {
      throw new RefusedException("the host '" + host + "' is an IP address in a non-canonical notation");
    }
    boolean allowlisted = hostAllowlisted(host);
    boolean https = scheme.equals("https");
    if (!https && !allowlisted) {
      throw new RefusedException("the URL must be https; plain http only for allowlisted hosts");
    }
    int port = uri.getPort() != -1 ? uri.getPort() : (https ? 443 : 80);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Target(uri, host, port, https, pathAndQuery, allowlisted);
  }

  /** Resolves the target's host and returns its addresses, all of which passed the guard. Blocking. */
  public List<InetAddress> resolve(Target target) throws RefusedException {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(target.host());
    } catch (UnknownHostException e) {
      throw new RefusedException("the host '" + target.host() + "' does not resolve");
    }
    List<InetAddress> ok = new ArrayList<>();
    for (InetAddress a : all) {
      String why = refusal(a);
      if (why != null && !target.allowlistedHost() && !inAllowedRange(a)) {
        throw new RefusedException("the host '" + target.host() + "' resolves to " + a.getHostAddress()
            + ", a " + why + " address; add it to webhooks.allowlist to allow it");
      }
      ok.add(a);
    }
    return ok;
  }

  /** Whether the address is refused without an allowlist entry; {@code null} when it is public. */
  public static String refusal(InetAddress a) {
    if (a instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      Inet4Address embedded = embeddedV4(b);
      if (embedded != null) {
        String why = refusal(embedded);
        return why == null ? null : why + " (embedded in IPv6)";
      }
      if (a.isLoopbackAddress()) {
        return "loopback";
      }
      if (a.isAnyLocalAddress()) {
        return "unspecified";
      }
      if (a.isLinkLocalAddress()) {
        return "link-local";
      }
      if (a.isSiteLocalAddress()) {
        return "site-local";
      }
      if (a.isMulticastAddress()) {
        return "multicast";
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return "unique-local";
      }
      return null;
    }
    return refusalV4(a.getAddress());
  }

  private static String refusalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 127) {
      return "loopback";
    }
    if (a0 == 0) {
      return "unspecified";
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "private";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "CGNAT";
    }
    if (a0 == 169 && a1 == 254) {
      return "link-local";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "multicast";
    }
    if (a0 >= 240 || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
      return "reserved";
    }
    return null;
  }

  /** The IPv4 address inside a mapped, compatible, NAT64 or 6to4 IPv6 address, else null. */
  private static Inet4Address embeddedV4(byte[] b) {
    boolean zero10 = true;
    for (int i = 0; i < 10; i++) {
      zero10 &= b[i] == 0;
    }
    boolean mapped = zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zero10 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    try {
      if (mapped || compatible || nat64) {
        return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 4 bytes are always an address
    }
    return null;
  }

  private boolean hostAllowlisted(String host) {
    if (hosts.contains(host)) {
      return true;
    }
    if (isIpLiteral(host)) {
      try {
        return inAllowedRange(InetAddress.getByName(host));
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  private boolean inAllowedRange(InetAddress a) {
    return ranges.stream().anyMatch(r -> r.contains(a));
  }

  /** A canonical dotted-quad IPv4 or an IPv6 literal (never resolves through DNS). */
  static boolean isIpLiteral(String s) {
    return CANONICAL_V4.matcher(s).matches() || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
  }

  /** Digits, dots and hex forms only: something an inet_aton-style parser reads as an address. */
  private static boolean looksNumeric(String host) {
    for (String part : host.split("\\.", -1)) {
      if (!part.matches("(?i)(0x[0-9a-f]*|[0-9]+)")) {
        return false;
      }
    }
    return true;
  }

  /** An address range. */
  record Cidr(byte[] network, int bits) {
    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      if (!isIpLiteral(parts[0])) {
        throw new IllegalArgumentException("webhooks.allowlist: '" + text + "' is not a host name or CIDR");
      }
      try {
        byte[] addr = InetAddress.getByName(parts[0]).getAddress();
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : addr.length * 8;
        if (bits < 0 || bits > addr.length * 8) {
          throw new IllegalArgumentException("webhooks.allowlist: bad prefix length in '" + text + "'");
        }
        return new Cidr(addr, bits);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("webhooks.allowlist: '" + text + "' is not a CIDR");
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
