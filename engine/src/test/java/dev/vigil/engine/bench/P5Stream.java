package dev.vigil.engine.bench;

import dev.vigil.engine.Event;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The reference workload "P5" of issue 8, generated in memory for a seed: transactions of 10 000
 * users with two cards each at 500 merchants (skewed: merchant {@code m} is picked with weight
 * about {@code 1/sqrt(m+1)}), log-normal amounts (median 60, sigma 1.2, capped at 50 000), 1 %
 * card-test amounts of exactly 1.00, and occasional bursts (one user sending 30 transactions back
 * to back). Event times are 5 ms apart, in order. The stream is kept as primitive columns (about
 * 20 bytes per event); {@link #event(int)} builds the engine's {@link Event} and {@link
 * #fields(int)} the plain map a hand-written Esper program sends, so neither side pays for the
 * other's representation and 2 M events fit a small heap.
 */
final class P5Stream {
  static final long T0 = 1_790_000_000_000L;
  static final int USERS = 10_000;
  static final int MERCHANTS = 500;
  static final String[] COUNTRIES = {"FR", "DE", "US", "GB", "ES", "IT", "NL", "BR"};

  private final int size;
  private final int users;
  private final int[] user;
  private final byte[] card;
  private final short[] merchant;
  private final long[] cents;
  private final byte[] country;
  private final String[] userIds;
  private final String[] cardIds;
  private final String[] merchantIds = new String[MERCHANTS];

  P5Stream(int size, long seed) {
    this(size, seed, USERS);
  }

  /** With {@code users} users instead of P5's 10 000 (e.g. to hold a million entities). */
  P5Stream(int size, long seed, int users) {
    this.size = size;
    this.users = users;
    this.userIds = new String[users];
    this.cardIds = new String[users * 2];
    this.user = new int[size];
    this.card = new byte[size];
    this.merchant = new short[size];
    this.cents = new long[size];
    this.country = new byte[size];
    for (int u = 0; u < users; u++) {
      userIds[u] = "u" + u;
      cardIds[2 * u] = "c" + (2 * u);
      cardIds[2 * u + 1] = "c" + (2 * u + 1);
    }
    for (int m = 0; m < MERCHANTS; m++) {
      merchantIds[m] = "m" + m;
    }
    generate(new Random(seed));
  }

  private void generate(Random r) {
    int burstUser = -1;
    int burstLeft = 0;
    for (int i = 0; i < size; i++) {
      if (burstLeft == 0 && r.nextInt(2_000) == 0) {
        burstUser = r.nextInt(users);
        burstLeft = 30;
      }
      int u = burstLeft > 0 ? burstUser : r.nextInt(users);
      if (burstLeft > 0) {
        burstLeft--;
      }
      user[i] = u;
      card[i] = (byte) r.nextInt(2);
      double x = r.nextDouble();
      merchant[i] = (short) Math.min(MERCHANTS - 1, (int) (MERCHANTS * x * x));
      // Home country mostly; 5 % elsewhere.
      country[i] = (byte) (r.nextInt(20) == 0 ? r.nextInt(COUNTRIES.length) : u % COUNTRIES.length);
      if (r.nextInt(100) == 0) {
        cents[i] = 100; // card test: exactly 1.00
      } else {
        double amount = Math.min(50_000, Math.exp(Math.log(60) + 1.2 * r.nextGaussian()));
        cents[i] = Math.max(1, Math.round(amount * 100));
      }
    }
  }

  int size() {
    return size;
  }

  static long timestamp(int i) {
    return T0 + 5L * i;
  }

  /** Event {@code i} as the engine takes it (a {@code transaction}). */
  Event event(int i) {
    return new Event("e" + i, "transaction", timestamp(i), fields(i), null);
  }

  /** The declared fields of event {@code i}. */
  Map<String, Object> fields(int i) {
    Map<String, Object> f = new HashMap<>(16);
    f.put("user_id", userIds[user[i]]);
    f.put("card_id", cardIds[2 * user[i] + card[i]]);
    f.put("merchant_id", merchantIds[merchant[i]]);
    f.put("amount", BigDecimal.valueOf(cents[i], 2));
    f.put("currency", "EUR");
    f.put("country", COUNTRIES[country[i]]);
    return f;
  }

  /** Event {@code i} as a hand-written Esper program sends it: a {@code double} amount. */
  Map<String, Object> handWritten(int i) {
    Map<String, Object> f = fields(i);
    f.put("amount", cents[i] / 100.0);
    f.put("event_id", "e" + i);
    return f;
  }

  /** Event {@code i} in Vigil's transaction map schema (envelope, fields, attributes). */
  Map<String, Object> asVigilMap(int i) {
    Map<String, Object> f = fields(i);
    f.put("event_id", "e" + i);
    f.put("type", "transaction");
    f.put("timestamp", timestamp(i));
    f.put("attributes", Map.of());
    return f;
  }
}
