package dev.vigil.samples.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Builds the events of one fraud scenario starting at a given event time, with its label. The
 * shapes follow the bundled sample rules (samples/rules), with margins so that a correct engine
 * must detect them: e.g. a card-testing charge within 40 s of the rule's 10 minutes, a velocity
 * burst of at least 25 transactions against a threshold of 20. Scenarios are scripted and fast
 * (at most {@link #MAX_SPAN_MILLIS} of event time, times the time scale) so that a load run of a
 * few minutes completes hundreds of them. A user is in at most one scenario at a time.
 */
final class FraudInjector {
  private static final Scenario[] KINDS = Scenario.values();
  private static final String[] HOME_MARKETS = {"US", "CA"};
  /** Longest event-time span of a scenario at time scale 1 (an amount spike with its history: 11 x 8 s + 5 s). */
  static final long MAX_SPAN_MILLIS = 95_000;

  private final Population people;
  private final SplittableRandom random;
  private final Supplier<String> ids;
  private final double timeScale;
  private final Map<Integer, Long> busyUntil = new HashMap<>();
  private final List<StreamEvent> events = new ArrayList<>();
  private long labels;

  FraudInjector(Population people, SplittableRandom random, Supplier<String> ids, double timeScale) {
    this.people = people;
    this.timeScale = timeScale;
    this.random = random;
    this.ids = ids;
  }

  /** The events of a random scenario starting at {@code t0} (deliverAt unset), or none. */
  List<StreamEvent> inject(long t0) {
    events.clear();
    Scenario kind = KINDS[random.nextInt(KINDS.length)];
    Label label = switch (kind) {
      case CARD_TESTING -> cardTesting(t0);
      case ACCOUNT_TAKEOVER -> accountTakeover(t0);
      case IMPOSSIBLE_TRAVEL -> impossibleTravel(t0);
      case VELOCITY_BURST -> velocityBurst(t0);
      case AMOUNT_SPIKE -> amountSpike(t0);
    };
    if (label == null) {
      return List.of();
    }
    List<StreamEvent> out = new ArrayList<>(events.size());
    for (StreamEvent e : events) {
      out.add(new StreamEvent(e.id(), e.type(), e.timeMillis(), 0, e.json(), label));
    }
    return out;
  }

  private Label cardTesting(long t0) {
    String device = "fd" + labels;
    int merchant = people.merchant(random);
    List<Integer> victims = freeUsers(6, t0, t0 + 30 * 60_000);
    if (victims == null) {
      return null;
    }
    long t = t0;
    for (int i = 0; i < victims.size(); i++) {
      int u = victims.get(i);
      t += i == 0 ? 0 : gap(2_000, 8_000);
      tx(t, u, 0, device, merchant, 0.5 + random.nextDouble(1.49), people.home(u));
      if (i < 2) {
        long charge = t + gap(10_000, 40_000);
        tx(charge, u, 0, device, people.merchant(random), 600 + random.nextDouble(2_400), people.home(u));
      }
    }
    return label(Scenario.CARD_TESTING, "device_id", device, false);
  }

  private Label accountTakeover(long t0) {
    List<Integer> victim = freeUsers(1, t0, t0 + 3_600_000);
    if (victim == null) {
      return null;
    }
    int u = victim.get(0);
    String device = "fd" + labels;
    int home = people.home(u);
    long t = t0;
    add(t, "login", EventJson.login(ids.get(), t, u, device, home, true, true));
    t += gap(5_000, 20_000);
    add(t, "account_update", EventJson.accountUpdate(ids.get(), t, u, "password"));
    t += gap(5_000, 20_000);
    add(t, "login", EventJson.login(ids.get(), t, u, device, home, true, true));
    t += gap(5_000, 20_000);
    tx(t, u, 0, device, people.merchant(random), 1_200 + random.nextDouble(2_800), home);
    return label(Scenario.ACCOUNT_TAKEOVER, "user_id", "u" + u, false);
  }

  private Label impossibleTravel(long t0) {
    List<Integer> victim = freeUsers(1, t0, t0 + 60 * 60_000);
    if (victim == null) {
      return null;
    }
    int u = victim.get(0);
    int home = people.home(u);
    int abroad = (home + 1 + random.nextInt(Population.COUNTRIES.length - 1)) % Population.COUNTRIES.length;
    tx(t0, u, 0, null, people.merchant(random), people.amount(random, u), home);
    long t = t0 + gap(20_000, 60_000);
    tx(t, u, 0, null, people.merchant(random), people.amount(random, u), abroad);
    return label(Scenario.IMPOSSIBLE_TRAVEL, "user_id", "u" + u, false);
  }

  private Label velocityBurst(long t0) {
    List<Integer> victim = freeUsers(1, t0, t0 + 15 * 60_000);
    if (victim == null) {
      return null;
    }
    int u = victim.get(0);
    int n = 25 + random.nextInt(11);
    String device = "d" + u + "-0";
    long t = t0;
    for (int i = 0; i < n; i++) {
      t += i == 0 ? 0 : gap(1_000, 2_000);
      // Amounts stay in the 2..500 band, so the burst cannot also look like card testing.
      tx(t, u, 1, device, people.merchant(random), Math.min(500, Math.max(2, people.amount(random, u))),
          people.home(u));
    }
    return label(Scenario.VELOCITY_BURST, "user_id", "u" + u, false);
  }

  private Label amountSpike(long t0) {
    int u = -1;
    for (int attempt = 0; attempt < 20 && u < 0; attempt++) {
      int candidate = people.anyUser(random);
      if (people.txCount(candidate) >= 12 && !busy(candidate, t0)) {
        u = candidate;
        busyUntil.put(u, t0 + 10 * 60_000);
      }
    }
    long t = t0;
    if (u < 0) {
      // Nobody with enough history yet (a short run): give a fresh user 12 ordinary payments
      // first, 8 s apart on alternating cards (4 a minute per card: below the rapid-fire rule).
      List<Integer> fresh = freeUsers(1, t0, t0 + 10 * 60_000);
      if (fresh == null) {
        return null;
      }
      u = fresh.get(0);
      for (int i = 0; i < 12; i++) {
        t += i == 0 ? 0 : gap(8_000, 8_001);
        tx(t, u, i % 2, null, people.merchant(random), people.amount(random, u), people.home(u));
      }
    }
    double amount = people.mean(u) + 8 * people.stddev(u) + 3 * people.mean(u);
    t += gap(1_000, 5_000);
    tx(t, u, 0, null, people.merchant(random), amount, people.home(u));
    boolean foreign = amount > 9_000 && !isHomeMarket(people.home(u));
    return label(Scenario.AMOUNT_SPIKE, "user_id", "u" + u, foreign);
  }

  private static boolean isHomeMarket(int country) {
    String c = Population.COUNTRIES[country];
    return c.equals(HOME_MARKETS[0]) || c.equals(HOME_MARKETS[1]);
  }

  private List<Integer> freeUsers(int n, long from, long until) {
    List<Integer> out = new ArrayList<>(n);
    for (int attempt = 0; attempt < n * 10 && out.size() < n; attempt++) {
      int u = random.nextInt(people.size());
      if (!busy(u, from) && !out.contains(u)) {
        out.add(u);
      }
    }
    if (out.size() < n) {
      return null;
    }
    out.forEach(u -> busyUntil.put(u, until));
    return out;
  }

  /** A pause of {@code min..max} ms, times the spec's scenario time scale (at least 1 ms). */
  private long gap(long min, long max) {
    return Math.max(1, (long) (random.nextLong(min, max) * timeScale));
  }

  private boolean busy(int u, long t) {
    Long until = busyUntil.get(u);
    if (until != null && until <= t) {
      busyUntil.remove(u);
      return false;
    }
    return until != null;
  }

  private void tx(long t, int u, int card, String device, int merchant, double amount, int country) {
    String a = EventJson.amount(amount);
    people.paid(u, Double.parseDouble(a), t);
    add(t, "transaction", EventJson.transaction(ids.get(), t, u, card, device, merchant, a, country, "approved"));
  }

  private void add(long t, String type, String json) {
    String id = json.substring("{\"event_id\":\"".length(), json.indexOf('"', "{\"event_id\":\"".length()));
    events.add(new StreamEvent(id, type, t, 0, json, null));
  }

  private Label label(Scenario kind, String entityType, String key, boolean alsoLargeForeign) {
    events.sort(java.util.Comparator.comparingLong(StreamEvent::timeMillis));
    List<String> eventIds = events.stream().map(StreamEvent::id).toList();
    List<String> rules = new ArrayList<>(kind.rules());
    if (alsoLargeForeign) {
      rules.add("large_foreign_transaction");
    }
    return new Label(labels++, kind, entityType, key, events.get(0).timeMillis(),
        events.get(events.size() - 1).timeMillis(), eventIds, rules);
  }
}
