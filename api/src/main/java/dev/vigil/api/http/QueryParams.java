package dev.vigil.api.http;

import dev.vigil.api.ingest.Timestamps;
import io.vertx.core.MultiMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query-parameter checks every list endpoint shares: each failure is a {@code 400
 * invalid-parameter} problem naming the parameter.
 */
public final class QueryParams {
  /** Page size when {@code limit} is absent. */
  public static final int DEFAULT_LIMIT = 50;
  /** Largest accepted {@code limit}. */
  public static final int MAX_LIMIT = 1000;

  private QueryParams() {}

  public static ProblemException invalid(String name, String reason) {
    return new ProblemException(
        Problem.of(400, "invalid-parameter", "Invalid query parameter",
                "Parameter \"" + name + "\" " + reason + ".")
            .with("parameter", name));
  }

  /** Refuses parameters outside {@code allowed} and parameters given more than once. */
  public static void requireKnownAndSingle(MultiMap params, Set<String> allowed) {
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        throw invalid(name, "unknown parameter; expected one of " + new TreeSet<>(allowed));
      }
      if (params.getAll(name).size() > 1) {
        throw invalid(name, "given more than once");
      }
    }
  }

  /** An RFC 3339 or epoch-millisecond time, or {@code null} when absent. */
  public static Long time(MultiMap params, String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parseTextOrMillis(text);
    } catch (IllegalArgumentException e) {
      throw invalid(name, e.getMessage());
    }
  }

  /** Refuses {@code since} after {@code until} when both are given. */
  public static void requireOrdered(Long since, Long until) {
    if (since != null && until != null && since > until) {
      throw invalid("since", "must not be after until");
    }
  }

  /** {@code limit}: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
  public static int limit(MultiMap params) {
    String text = params.get("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    if (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
      throw invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(text);
  }

  /** {@code cursor} as given (checked for shape only; the store decodes it), or {@code null}. */
  public static String cursor(MultiMap params) {
    String cursor = params.get("cursor");
    if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
      throw badCursor();
    }
    return cursor;
  }

  /** The problem for a cursor the store could not decode. */
  public static ProblemException badCursor() {
    return invalid("cursor", "is not a cursor returned by this server");
  }
}
