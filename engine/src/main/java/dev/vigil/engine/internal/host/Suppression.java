package dev.vigil.engine.internal.host;

import dev.vigil.engine.EntityRef;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Per-rule suppression ({@code @Tag(name='suppress', value='1h')}): after an alert for a rule and
 * entity, further matches of that pair within the interval of event time are dropped. All matches
 * of one (rule, entity) come from one shard thread, so per key there is no race; the map is shared
 * by the shards.
 *
 * <p>The map is a cache of the alert store's last-alert index ({@code lastAlert}, written with
 * every alert): on a miss the store is asked once, so an interval that began before a restart
 * still suppresses after it (the muted rebuild of a restart, {@link Rebuild}, also replays
 * matches into it). Misses are remembered too (one store read per rule and entity after a start,
 * not per match). The map is pruned of expired entries when it grows past {@link #PRUNE_AT} keys;
 * a pruned key is read from the store again when it next matches.
 */
final class Suppression {

  static final int PRUNE_AT = 100_000;

  private record Last(long matchTime, long expiresAt) {}

  private static final Last NONE = new Last(Long.MIN_VALUE, Long.MIN_VALUE);

  private final Map<String, Last> last = new ConcurrentHashMap<>();
  private final BiFunction<String, EntityRef, OptionalLong> lastAlert;

  /** In memory only: after a restart the first match alerts again (tests of the interval logic). */
  Suppression() {
    this((rule, entity) -> OptionalLong.empty());
  }

  /** Backed by {@code lastAlert}: the match time of the last stored alert of a rule and entity. */
  Suppression(BiFunction<String, EntityRef, OptionalLong> lastAlert) {
    this.lastAlert = lastAlert;
  }

  boolean suppressed(Match match) {
    if (match.rule().suppress() == null) {
      return false;
    }
    String key = key(match);
    Last previous = last.get(key);
    if (previous == null) {
      OptionalLong stored;
      try {
        stored = lastAlert.apply(match.rule().id(), AlertFactory.entityOf(match));
      } catch (RuntimeException e) {
        return false; // the store is failing: alerting twice beats losing an alert; not cached
      }
      previous = stored.isEmpty()
          ? NONE
          : new Last(stored.getAsLong(), stored.getAsLong() + match.rule().suppress().toMillis());
      last.put(key, previous);
    }
    return match.matchTime() >= previous.matchTime() && match.matchTime() < previous.expiresAt();
  }

  void alerted(Match match) {
    if (match.rule().suppress() == null) {
      return;
    }
    long t = match.matchTime();
    last.put(key(match), new Last(t, t + match.rule().suppress().toMillis()));
    if (last.size() > PRUNE_AT) {
      prune(t);
    }
  }

  private void prune(long now) {
    for (Iterator<Last> it = last.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt() <= now) {
        it.remove();
      }
    }
  }

  private static String key(Match match) {
    EntityRef e = AlertFactory.entityOf(match);
    return match.rule().id() + '\u0000' + e.type() + '\u0000' + e.key();
  }
}
