package dev.vigil.engine.internal.drools;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The vocabulary generated DRL may use in a constraint (docs/dsl.md, "Generated DRL"): typed
 * reads of the event, statistics and alerts, and SQL three-valued operators where {@code null}
 * is "unknown" (named and3/or3/not3, prefix/suffix/infix/regex because and, or, not, contains and
 * matches are DRL operators). The DRL generator emits calls to these methods only, so a decision can do exactly
 * what this class offers and nothing else. Methods are public because Drools' executable model
 * calls them from generated lambdas.
 */
public abstract class Facts {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_PATTERNS = 10_000;

  /** The value of an event field ({@code event_id}, {@code type}, {@code timestamp} included), or null. */
  public abstract Object field(String name);

  /** A statistic of the entity (as before this event): count, mean, stddev, distinct, last_seen (field ""); horizon 0 = all. */
  public abstract Object stat(String function, String field, long horizonMillis);

  /** The entity's latest event time before this event (epoch ms), or null without history. */
  public final Object lastSeen() {
    return stat("last_seen", "", 0L);
  }

  /** Whether the entity had an event with this event's value of {@code field} within the horizon. */
  public abstract Boolean seen(String field, long horizonMillis);

  /** Whether detection rule {@code ruleId} alerted for this event's entity within the horizon before the event. */
  public abstract Boolean alerted(String ruleId, long horizonMillis);

  /** The name of the decision these facts are evaluated for. */
  public abstract String getDecision();

  /** (x - mean) / stddev over the horizon; null without at least two earlier values or with stddev 0. */
  public Object zscore(String field, long horizonMillis) {
    BigDecimal x = decimal(field(field));
    BigDecimal count = decimal(stat("count", field, horizonMillis));
    BigDecimal mean = decimal(stat("mean", field, horizonMillis));
    BigDecimal sd = decimal(stat("stddev", field, horizonMillis));
    if (x == null || count == null || count.compareTo(BigDecimal.valueOf(2)) < 0 || mean == null || sd == null
        || sd.signum() == 0) {
      return null;
    }
    return x.subtract(mean).divide(sd, MathContext.DECIMAL64);
  }

  public final boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  public final BigDecimal num(String literal) {
    return new BigDecimal(literal);
  }

  public final Boolean and3(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  public final Boolean or3(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }

  public final Boolean not3(Boolean a) {
    return a == null ? null : !a;
  }

  public final Boolean isNull(Object a) {
    return a == null;
  }

  public final Boolean eq(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c == 0;
  }

  public final Boolean ne(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c != 0;
  }

  public final Boolean lt(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c < 0;
  }

  public final Boolean le(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c <= 0;
  }

  public final Boolean gt(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c > 0;
  }

  public final Boolean ge(Object a, Object b) {
    Integer c = compare(a, b);
    return c == null ? null : c >= 0;
  }

  public final BigDecimal add(Object a, Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null ? null : x.add(y);
  }

  public final BigDecimal sub(Object a, Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null ? null : x.subtract(y);
  }

  public final BigDecimal mul(Object a, Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null ? null : x.multiply(y);
  }

  /** Division; by zero gives null (unknown). */
  public final BigDecimal div(Object a, Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null || y.signum() == 0 ? null : x.divide(y, MathContext.DECIMAL64);
  }

  public final BigDecimal mod(Object a, Object b) {
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null || y.signum() == 0 ? null : x.remainder(y);
  }

  public final BigDecimal neg(Object a) {
    BigDecimal x = decimal(a);
    return x == null ? null : x.negate();
  }

  public final Boolean prefix(Object a, String prefix) {
    return a instanceof String s ? s.startsWith(prefix) : null;
  }

  public final Boolean suffix(Object a, String suffix) {
    return a instanceof String s ? s.endsWith(suffix) : null;
  }

  public final Boolean infix(Object a, String part) {
    return a instanceof String s ? s.contains(part) : null;
  }

  /** Whole-value match of a java.util.regex pattern (validated and capped by the compiler). */
  public final Boolean regex(Object a, String regex) {
    if (!(a instanceof String s)) {
      return null;
    }
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      p = Pattern.compile(regex);
      if (PATTERNS.size() < MAX_PATTERNS) {
        PATTERNS.put(regex, p);
      }
    }
    return p.matcher(s).matches();
  }

  /** Compares two values of the same kind; null when either is null or they cannot be compared. */
  static Integer compare(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof String x && b instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    return x == null || y == null ? null : x.compareTo(y);
  }

  static BigDecimal decimal(Object o) {
    if (o instanceof BigDecimal d) {
      return d;
    } else if (o instanceof Long || o instanceof Integer) {
      return BigDecimal.valueOf(((Number) o).longValue());
    } else if (o instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
    }
    return null;
  }
}
