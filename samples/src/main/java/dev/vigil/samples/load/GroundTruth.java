package dev.vigil.samples.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Compares the alerts a node delivers with the injected scenarios. An alert belongs to a scenario
 * when one of its {@code event_ids} is one of the scenario's events. Per rule it counts alerts on
 * a scenario that expects the rule (hits), on a scenario that does not (side effects, e.g. a
 * card-testing charge that is also far above the card owner's usual amount), and on background
 * traffic only (unlabeled: the rule firing on what the generator considers normal, or noise of a
 * population too small for the rate). Recall per rule: the share of completed scenarios expecting
 * the rule that got at least one of its alerts.
 *
 * <p>Event-to-alert latency: alert received minus the send time of the alert's latest-sent
 * scenario event (its trigger), so it is measured for scenario alerts only.
 */
public final class GroundTruth {
  private static final Pattern RULE = Pattern.compile("\"rule_id\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern EVENT_IDS = Pattern.compile("\"event_ids\"\\s*:\\s*\\[([^\\]]*)\\]");
  private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

  private record Sent(Label label, long nanos) {}

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Map<String, long[]> perRule = new ConcurrentHashMap<>();
  private final Set<String> detected = ConcurrentHashMap.newKeySet();
  private final Histogram latencyMicros = new Histogram(3);
  private final LongAdder alerts = new LongAdder();

  /** Records that a scenario event was sent (or due) at {@code nanos} (System.nanoTime). */
  public void sent(StreamEvent e, long nanos) {
    sent.put(e.id(), new Sent(e.label(), nanos));
  }

  /** Records one delivered alert (a webhook body or a GET /v1/alerts item) received at {@code nanos}. */
  public void alert(String json, long nanos) {
    Matcher rm = RULE.matcher(json);
    String rule = rm.find() ? rm.group(1) : "?";
    List<String> ids = new ArrayList<>();
    Matcher im = EVENT_IDS.matcher(json);
    if (im.find()) {
      Matcher s = STRING.matcher(im.group(1));
      while (s.find()) {
        ids.add(s.group(1));
      }
    }
    Label label = null;
    long trigger = Long.MIN_VALUE;
    for (String id : ids) {
      Sent s = sent.get(id);
      if (s != null && s.label() != null) {
        label = s.label();
        trigger = Math.max(trigger, s.nanos());
      }
    }
    long[] counts = perRule.computeIfAbsent(rule, r -> new long[3]);
    synchronized (counts) {
      counts[label == null ? 2 : label.expectedRules().contains(rule) ? 0 : 1]++;
    }
    alerts.increment();
    if (label != null) {
      detected.add(label.id() + "/" + rule);
      synchronized (latencyMicros) {
        latencyMicros.recordValue(Math.max(0, (nanos - trigger) / 1000));
      }
    }
  }

  public long alerts() {
    return alerts.sum();
  }

  /** Event-to-alert latency of scenario alerts, microseconds. */
  public Histogram latencyMicros() {
    synchronized (latencyMicros) {
      return latencyMicros.copy();
    }
  }

  /** Whether rule {@code rule} alerted on scenario {@code label}. */
  public boolean detected(Label label, String rule) {
    return detected.contains(label.id() + "/" + rule);
  }

  /** Alerts of {@code rule}: {hits, side effects, unlabeled}. */
  public long[] counts(String rule) {
    long[] c = perRule.getOrDefault(rule, new long[3]);
    synchronized (c) {
      return c.clone();
    }
  }

  /** Prints the per-rule table and the per-scenario detection over {@code completed} scenarios. */
  public void print(Collection<Label> completed, PrintStream out) {
    Set<String> rules = new TreeSet<>(perRule.keySet());
    completed.forEach(l -> rules.addAll(l.expectedRules()));
    out.printf("%-28s %7s %7s %7s %9s %9s %9s %7s%n", "rule", "alerts", "hits", "side", "unlabeled",
        "expected", "detected", "recall");
    for (String rule : rules) {
      long[] c = counts(rule);
      long expected = completed.stream().filter(l -> l.expectedRules().contains(rule)).count();
      long found = completed.stream().filter(l -> l.expectedRules().contains(rule) && detected(l, rule)).count();
      out.printf("%-28s %7d %7d %7d %9d %9d %9d %7s%n", rule, c[0] + c[1] + c[2], c[0], c[1], c[2], expected,
          found, expected == 0 ? "-" : String.format("%.3f", (double) found / expected));
    }
    Map<Scenario, int[]> byKind = new TreeMap<>();
    for (Label l : completed) {
      int[] n = byKind.computeIfAbsent(l.scenario(), k -> new int[2]);
      n[0]++;
      if (l.expectedRules().stream().allMatch(r -> detected(l, r))) {
        n[1]++;
      }
    }
    out.printf("%-20s %9s %18s%n", "scenario", "injected", "fully detected");
    byKind.forEach((k, n) -> out.printf("%-20s %9d %18d%n", k.label(), n[0], n[1]));
    Histogram h = latencyMicros();
    if (h.getTotalCount() > 0) {
      out.printf("event_to_alert_ms n=%d p50=%.1f p99=%.1f p99.9=%.1f max=%.1f%n", h.getTotalCount(),
          SendReport.ms(h, 50), SendReport.ms(h, 99), SendReport.ms(h, 99.9), h.getMaxValue() / 1000.0);
    }
  }
}
