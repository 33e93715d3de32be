package dev.vigil.engine;

/**
 * A filter over the decision log; every filter is optional ({@code null}). Newest first by
 * decision time.
 *
 * @param outcome only {@code allow}, {@code review} or {@code block}
 * @param since only decisions with {@code decidedAt >= since} (epoch ms)
 * @param until only decisions with {@code decidedAt < until} (epoch ms)
 * @param cursor opaque cursor from a previous {@link DecisionPage#nextCursor()}
 * @param limit page size, 1..1000
 */
public record DecisionQuery(String outcome, Long since, Long until, String cursor, int limit) {}
