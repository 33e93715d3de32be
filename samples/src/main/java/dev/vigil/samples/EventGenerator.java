package dev.vigil.samples;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generator of sample transaction events as NDJSON lines.
 *
 * <p>The same seed gives the same events: {@code event_id}s are {@code <prefix>-<n>}, users,
 * cards and merchants are drawn from fixed-size pools, amounts are log-normal-ish with a small
 * share of large foreign transactions, and timestamps advance by {@code stepMillis} per event
 * from {@code startMillis}, so the stream is replayable.
 */
public final class EventGenerator {
  private static final String[] COUNTRIES = {"US", "US", "US", "CA", "GB", "DE", "FR", "BR", "NG", "IN"};
  private static final String[] CURRENCIES = {"USD", "USD", "EUR", "GBP", "CAD"};

  private final SplittableRandom random;
  private final String prefix;
  private final int users;
  private final long startMillis;
  private final long stepMillis;
  private long next;

  public EventGenerator(long seed, String prefix, int users, long startMillis, long stepMillis) {
    this.random = new SplittableRandom(seed);
    this.prefix = prefix;
    this.users = users;
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
  }

  /** The next event as one NDJSON line (no trailing newline). */
  public String nextLine() {
    long n = next++;
    int user = random.nextInt(users);
    String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
    double base = Math.exp(random.nextDouble(1.0, 7.0));
    if (random.nextInt(1000) == 0) {
      base = 9000 + random.nextDouble(50_000);
    }
    BigDecimal amount = BigDecimal.valueOf(base).setScale(2, RoundingMode.HALF_UP);
    return "{\"event_id\":\"" + prefix + "-" + n + "\""
        + ",\"type\":\"transaction\""
        + ",\"timestamp\":" + (startMillis + n * stepMillis)
        + ",\"user_id\":\"u" + user + "\""
        + ",\"card_id\":\"c" + user + "-" + random.nextInt(2) + "\""
        + ",\"merchant_id\":\"m" + random.nextInt(Math.max(1, users / 10)) + "\""
        + ",\"amount\":" + amount.toPlainString()
        + ",\"currency\":\"" + CURRENCIES[random.nextInt(CURRENCIES.length)] + "\""
        + ",\"country\":\"" + country + "\""
        + ",\"status\":\"" + (random.nextInt(20) == 0 ? "declined" : "approved") + "\""
        + ",\"channel\":\"" + (random.nextBoolean() ? "web" : "pos") + "\"}";
  }

  /** The next {@code count} events as one NDJSON body. */
  public String nextBatch(int count) {
    StringBuilder sb = new StringBuilder(count * 260);
    for (int i = 0; i < count; i++) {
      sb.append(nextLine()).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@code count} events to {@code file}, one per line. */
  public void writeTo(Path file, long count) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < count; i++) {
        w.write(nextLine());
        w.write('\n');
      }
    }
  }

  public List<String> lines(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(nextLine());
    }
    return out;
  }
}
