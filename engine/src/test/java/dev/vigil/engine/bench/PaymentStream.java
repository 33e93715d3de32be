package dev.vigil.engine.bench;

import dev.vigil.engine.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A payment stream shaped like the sample load generator's background traffic ({@code
 * samples/.../TransactionStream}), for {@link MemoryBench}: users with a home country (US first,
 * skewed), two cards ({@code c<u>-0} four times in five) and one or two devices; skewed user and
 * merchant popularity; 90 % transactions (log-normal amounts, half web with a device and half
 * card-present, 3 % declined, 2 % abroad), 8 % logins (one in 200 from a new device), 2 % account
 * updates (one in 10 a password change). Event {@code i} depends only on the seed and {@code i};
 * times are {@code 1/rate} s apart, in order. Every value is a fresh string, as the HTTP API's
 * JSON parser makes them, so sharing that the engine does not do itself does not flatter it.
 */
final class PaymentStream {
  static final long T0 = 1_790_000_000_000L;
  private static final String[] COUNTRIES =
      {"US", "GB", "DE", "FR", "CA", "ES", "IT", "NL", "BR", "MX", "IN", "JP", "AU", "PL", "SE"};
  private static final String[] CURRENCIES =
      {"USD", "GBP", "EUR", "EUR", "CAD", "EUR", "EUR", "EUR", "BRL", "MXN", "INR", "JPY", "AUD", "PLN", "SEK"};
  private static final int MERCHANTS = 500;

  private final int users;
  private final double rate;
  private final long seed;

  PaymentStream(int users, double rate, long seed) {
    this.users = users;
    this.rate = rate;
    this.seed = seed;
  }

  long timestamp(int i) {
    return T0 + (long) (i * 1000.0 / rate);
  }

  /** How many of the first {@code n} events have a timestamp at or after {@code from}. */
  long eventsSince(int n, long from) {
    long count = 0;
    for (int i = n - 1; i >= 0 && timestamp(i) >= from; i--) {
      count++;
    }
    return count;
  }

  Event event(int i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    int u = skewed(r, users, 1.6);
    int home = home(u);
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    fields.put("user_id", fresh("u" + u));
    int kind = r.nextInt(100);
    String type;
    if (kind < 90) {
      type = "transaction";
      boolean web = r.nextBoolean();
      int country = r.nextInt(50) == 0 ? r.nextInt(COUNTRIES.length) : home;
      fields.put("amount", amount(r, u));
      fields.put("currency", fresh(CURRENCIES[country]));
      fields.put("card_id", fresh("c" + u + "-" + (r.nextInt(5) < 4 ? 0 : 1)));
      fields.put("merchant_id", fresh("m" + skewed(r, MERCHANTS, 2.0)));
      fields.put("country", fresh(COUNTRIES[country]));
      fields.put("status", fresh(r.nextInt(100) < 3 ? "declined" : "approved"));
      if (web) {
        fields.put("device_id", device(r, u));
      }
      attributes.put("channel", fresh(web ? "web" : "pos"));
    } else if (kind < 98) {
      type = "login";
      boolean fresh = r.nextInt(200) == 0;
      fields.put("device_id", fresh ? fresh("d" + u + "-n" + i) : device(r, u));
      fields.put("country", fresh(COUNTRIES[home]));
      fields.put("success", r.nextInt(100) < 97);
      fields.put("new_device", fresh);
    } else {
      type = "account_update";
      fields.put("field", fresh(r.nextInt(10) == 0 ? "password" : "email"));
    }
    return new Event(fresh("ev-" + i), type, timestamp(i), fields, attributes);
  }

  private int home(int u) {
    SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (u + 1)));
    return skewed(r, COUNTRIES.length, 3.0);
  }

  private String device(SplittableRandom r, int u) {
    return fresh("d" + u + "-" + (u % 2 == 0 ? 0 : r.nextInt(2)));
  }

  private BigDecimal amount(SplittableRandom r, int u) {
    double userLevel = new SplittableRandom(seed + u).nextDouble() * 1.4 - 0.7;
    double x = Math.exp(Math.log(40) + userLevel + 0.8 * gaussian(r));
    return BigDecimal.valueOf(Math.min(x, 20_000)).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** In [0, n), small values more likely: {@code n * u^skew}. */
  private static int skewed(SplittableRandom r, int n, double skew) {
    return Math.min(n - 1, (int) (n * Math.pow(r.nextDouble(), skew)));
  }

  /** A string with its own character array, as a JSON parser returns it. */
  private static String fresh(String s) {
    return new String(s.toCharArray());
  }
}
