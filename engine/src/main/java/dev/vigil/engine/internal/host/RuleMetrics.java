package dev.vigil.engine.internal.host;

import dev.vigil.engine.RuleStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-rule counters: matches, new alerts, suppressed matches and the last match time, kept in
 * memory for {@code GET /v1/rules/{id}} and exported as {@code vigil.rule.matches{rule}}, {@code
 * vigil.rule.alerts{rule}}, {@code vigil.rule.suppressed{rule}} and {@code
 * vigil.rule.last.match{rule}} (epoch seconds). Updated from shard threads.
 */
public final class RuleMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, PerRule> rules = new ConcurrentHashMap<>();

  public RuleMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The counters of one rule. */
  private final class PerRule {
    final Counter matches;
    final Counter alerts;
    final Counter suppressed;
    final AtomicLong lastMatchAt = new AtomicLong(-1);
    final AtomicLong lastMatchEventTime = new AtomicLong(-1);

    PerRule(String rule) {
      matches = Counter.builder("vigil.rule.matches").description("Rule matches (alerts plus suppressed)")
          .tag("rule", rule).register(registry);
      alerts = Counter.builder("vigil.rule.alerts").description("New alerts stored")
          .tag("rule", rule).register(registry);
      suppressed = Counter.builder("vigil.rule.suppressed").description("Matches dropped by suppress")
          .tag("rule", rule).register(registry);
      Gauge.builder("vigil.rule.last.match", lastMatchAt, t -> t.get() < 0 ? Double.NaN : t.get() / 1000.0)
          .description("Wall time of the rule's last match, epoch seconds")
          .tag("rule", rule).register(registry);
    }
  }

  private PerRule of(String rule) {
    return rules.computeIfAbsent(rule, PerRule::new);
  }

  public void matched(String rule, long eventTime, long wallTime) {
    PerRule r = of(rule);
    r.matches.increment();
    r.lastMatchAt.accumulateAndGet(wallTime, Math::max);
    r.lastMatchEventTime.accumulateAndGet(eventTime, Math::max);
  }

  public void alert(String rule, boolean isNew) {
    if (isNew) {
      of(rule).alerts.increment();
    }
  }

  public void suppressed(String rule) {
    of(rule).suppressed.increment();
  }

  public RuleStats stats(String rule) {
    PerRule r = rules.get(rule);
    if (r == null) {
      return RuleStats.NONE;
    }
    long at = r.lastMatchAt.get();
    long et = r.lastMatchEventTime.get();
    return new RuleStats((long) r.matches.count(), (long) r.alerts.count(), (long) r.suppressed.count(),
        at < 0 ? null : at, et < 0 ? null : et);
  }
}
