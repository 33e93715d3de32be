package dev.vigil.engine;

/**
 * A filter over stored alerts; every filter is optional ({@code null}). Results come newest
 * first (by {@code createdAt}, then insertion order).
 *
 * @param ruleId only alerts of this rule
 * @param entityKey only alerts whose entity key equals this
 * @param severity only alerts of this severity
 * @param since only alerts with {@code createdAt >= since} (epoch ms)
 * @param until only alerts with {@code createdAt < until} (epoch ms)
 * @param cursor opaque cursor from a previous {@link AlertPage#nextCursor()}
 * @param limit page size, 1..1000
 * @param status only alerts in this lifecycle status
 */
public record AlertQuery(
    String ruleId,
    String entityKey,
    String severity,
    Long since,
    Long until,
    String cursor,
    int limit,
    AlertStatus status) {

  /** A query without a status filter. */
  public AlertQuery(
      String ruleId, String entityKey, String severity, Long since, Long until, String cursor, int limit) {
    this(ruleId, entityKey, severity, since, until, cursor, limit, null);
  }

  public static AlertQuery firstPage(int limit) {
    return new AlertQuery(null, null, null, null, null, null, limit, null);
  }
}
