package dev.vigil.samples.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * An endless, deterministic stream of payment events: background traffic (90 % transactions,
 * 8 % logins, 2 % account updates) of a {@link Population}, with fraud scenarios injected at
 * {@link StreamSpec#fraudRate()} and delivered with bounded disorder.
 *
 * <p>Time comes from a slot clock: background event {@code n} happens at {@code slotTime(n)}
 * (epoch ms, non-decreasing). A fixed rate ({@link #fixedRate}) makes the whole stream a pure
 * function of the spec; the load generator's open loop uses its send schedule, its closed loop the
 * wall clock.
 *
 * <p>Disorder: each event gets a delivery time {@code t + U[0, maxDisorder]} and events leave in
 * delivery-time order once the clock has passed it. So when an event is handed out, no event
 * handed out before it is more than {@code maxDisorder} newer: for {@code i} before {@code j},
 * {@code t_i <= d_i <= d_j <= t_j + maxDisorder}.
 */
public final class TransactionStream {
  private static final String[] UPDATED_FIELDS = {"email", "phone", "address", "email", "phone", "address",
      "email", "phone", "address", "password"};

  private final StreamSpec spec;
  private final LongUnaryOperator slotTime;
  private final SplittableRandom random;
  private final Population people;
  private final FraudInjector fraud;
  private final PriorityQueue<StreamEvent> scheduled = new PriorityQueue<>(
      Comparator.comparingLong(StreamEvent::timeMillis).thenComparing(StreamEvent::id));
  private final PriorityQueue<StreamEvent> ready = new PriorityQueue<>(
      Comparator.comparingLong(StreamEvent::deliverAtMillis).thenComparingLong(StreamEvent::timeMillis));
  private final Map<Label, int[]> emittedPerLabel = new IdentityHashMap<>();
  private final List<Label> completed = new ArrayList<>();
  private long slot;
  private long sequence;
  private long now = Long.MIN_VALUE;
  private long emitted;
  private long injectUntil = Long.MAX_VALUE;

  public TransactionStream(StreamSpec spec, LongUnaryOperator slotTime) {
    this.spec = spec;
    this.slotTime = slotTime;
    this.random = new SplittableRandom(spec.seed());
    this.people = new Population(spec, random.split());
    this.fraud = new FraudInjector(people, random.split(), this::nextId, spec.scenarioTimeScale());
  }

  /** A slot clock of {@code eventsPerSecond} background events per second from {@code startMillis}. */
  public static LongUnaryOperator fixedRate(long startMillis, double eventsPerSecond) {
    return n -> startMillis + (long) (n * 1000.0 / eventsPerSecond);
  }

  public StreamSpec spec() {
    return spec;
  }

  /** The next event in delivery order. */
  public StreamEvent next() {
    while (ready.isEmpty() || ready.peek().deliverAtMillis() > now) {
      advance();
    }
    return take();
  }

  private StreamEvent take() {
    StreamEvent e = ready.poll();
    emitted++;
    if (e.label() != null) {
      int[] n = emittedPerLabel.computeIfAbsent(e.label(), l -> new int[1]);
      if (++n[0] == e.label().eventIds().size()) {
        emittedPerLabel.remove(e.label());
        completed.add(e.label());
      }
    }
    return e;
  }

  /**
   * Starts no fraud scenario at or after event time {@code millis}, so that a run ending at
   * {@code millis + spec.maxScenarioSpanMillis() + spec.maxDisorderMillis()} completes them all.
   */
  public void stopInjectingAt(long millis) {
    injectUntil = millis;
  }

  /**
   * Ends the stream: no new scenario starts, no more background traffic; answers the remaining
   * events of the scenarios under way, in delivery order (the disorder bound still holds).
   */
  public List<StreamEvent> drain() {
    injectUntil = Long.MIN_VALUE;
    while (!scheduled.isEmpty()) {
      deliver(scheduled.poll());
    }
    List<StreamEvent> out = new ArrayList<>(ready.size());
    while (!ready.isEmpty()) {
      out.add(take());
    }
    return out;
  }

  /** Labels of the scenarios whose every event has been handed out, in completion order. */
  public List<Label> completedLabels() {
    return List.copyOf(completed);
  }

  /** Events handed out so far. */
  public long emitted() {
    return emitted;
  }

  /** Background payments that had to break the per-user minimum gap (population too small). */
  public long gapViolations() {
    return people.gapViolations();
  }

  private void advance() {
    now = Math.max(now, slotTime.applyAsLong(slot++));
    if (random.nextDouble() < spec.fraudRate() && now < injectUntil) {
      scheduled.addAll(fraud.inject(now));
    }
    while (!scheduled.isEmpty() && scheduled.peek().timeMillis() <= now) {
      deliver(scheduled.poll());
    }
    deliver(background(now));
  }

  private void deliver(StreamEvent e) {
    long delay = spec.maxDisorderMillis() == 0 ? 0 : random.nextLong(spec.maxDisorderMillis() + 1);
    ready.add(new StreamEvent(e.id(), e.type(), e.timeMillis(), e.timeMillis() + delay, e.json(), e.label()));
  }

  private StreamEvent background(long t) {
    double kind = random.nextDouble();
    String id = nextId();
    if (kind < 0.90) {
      int u = people.payingUser(random, t);
      boolean web = random.nextBoolean();
      String device = web ? "d" + u + "-" + (people.hasSecondDevice(u) && random.nextInt(3) == 0 ? 1 : 0) : null;
      String amount = EventJson.amount(people.amount(random, u));
      people.paid(u, Double.parseDouble(amount), t);
      String status = random.nextInt(100) < 3 ? "declined" : "approved";
      int card = random.nextInt(5) == 0 ? 1 : 0;
      return new StreamEvent(id, "transaction", t, 0, EventJson.transaction(id, t, u, card, device,
          people.merchant(random), amount, people.home(u), status), null);
    }
    int u = people.anyUser(random);
    if (kind < 0.98) {
      // One login in 200 is from a new device: everyday noise for the account-takeover rules.
      boolean fresh = random.nextInt(200) == 0;
      String device = fresh ? "d" + u + "-n" + id : "d" + u + "-0";
      return new StreamEvent(id, "login", t, 0,
          EventJson.login(id, t, u, device, people.home(u), random.nextInt(100) < 97, fresh), null);
    }
    String field = UPDATED_FIELDS[random.nextInt(UPDATED_FIELDS.length)];
    return new StreamEvent(id, "account_update", t, 0, EventJson.accountUpdate(id, t, u, field), null);
  }

  private String nextId() {
    return spec.prefix() + "-" + sequence++;
  }
}
