package dev.vigil.engine.internal.host;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-rule suppression ({@code @Tag(name='suppress', value='1h')}): after an alert for a rule and
 * entity, further matches of that pair within the interval of event time are dropped. All matches
 * of one (rule, entity) come from one shard thread, so per key there is no race; the map is shared
 * by the shards. Kept in memory; a restart rebuilds it by replaying the journal muted ({@link Rebuild}). The map is
 * pruned of expired entries when it grows past {@link #PRUNE_AT} keys.
 */
final class Suppression {

  static final int PRUNE_AT = 100_000;

  private record Last(long matchTime, long expiresAt) {}

  private final Map<String, Last> last = new ConcurrentHashMap<>();

  boolean suppressed(Match match) {
    if (match.rule().suppress() == null) {
      return false;
    }
    Last previous = last.get(key(match));
    return previous != null && match.matchTime() >= previous.matchTime() && match.matchTime() < previous.expiresAt();
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
    return match.rule().id() + '\u0000' + (match.entityKey() == null ? "" : match.entityKey());
  }
}
