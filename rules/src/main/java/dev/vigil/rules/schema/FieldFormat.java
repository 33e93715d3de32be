package dev.vigil.rules.schema;

import java.net.InetAddress;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Extra format checks for string fields. */
public enum FieldFormat {
  /** Any string. */
  NONE,
  /** ISO 4217 currency code, upper case, e.g. {@code EUR}. */
  CURRENCY,
  /** ISO 3166-1 alpha-2 country code, upper case, e.g. {@code DE}. */
  COUNTRY,
  /** IPv4 or IPv6 address literal (never resolved). */
  IP;

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern IPV4 =
      Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

  /** Returns {@code null} when {@code value} has this format, else the reason it does not. */
  public String check(String value) {
    switch (this) {
      case NONE:
        return null;
      case CURRENCY:
        if (value.length() == 3 && value.equals(value.toUpperCase(Locale.ROOT))) {
          try {
            Currency.getInstance(value);
            return null;
          } catch (IllegalArgumentException e) {
            // fall through
          }
        }
        return "must be an ISO 4217 currency code such as \"USD\"";
      case COUNTRY:
        return COUNTRIES.contains(value)
            ? null
            : "must be an ISO 3166-1 alpha-2 country code such as \"US\"";
      case IP:
        return isIp(value) ? null : "must be an IPv4 or IPv6 address";
      default:
        throw new AssertionError(this);
    }
  }

  private static boolean isIp(String value) {
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (value.indexOf(':') < 0 || value.length() > 45 || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      // A literal with only hex digits, ':' and '.' is parsed, never looked up.
      InetAddress.getByName(value);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
