package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.annotation.Name;
import com.espertech.esper.common.client.annotation.Tag;
import dev.vigil.engine.Durations;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule's metadata from its EPL annotations, per docs/rules-epl.md: {@code @Name('id')},
 * {@code @Tag(name='severity', value='high')}, {@code @Tag(name='by', value='user_id')}, {@code
 * @Tag(name='version', value='2')}, {@code @Tag(name='suppress', value='1h')}, {@code
 * @Tag(name='tags', value='card,velocity')}, and {@code @Tag(name='firing', value='on_event|on_time')},
 * which the engine adds to rules compiled from the rule language (operators may use it too): which
 * output rows are matches, see {@link Firing}.
 */
record RuleAnnotations(
    String id, String severity, String by, int version, Duration suppress, Set<String> tags, Firing firing) {

  /** Which output rows of a statement are matches. */
  enum Firing {
    /** Every row (operator EPL without a firing tag). */
    ANY,
    /** Only rows produced while an event is sent: rows of window expiry on a clock advance are dropped. */
    ON_EVENT,
    /** Rows produced when time passes (tumbling windows closing, absences); all rows are kept. */
    ON_TIME
  }

  static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
  private static final Set<String> TAGS = Set.of("severity", "by", "version", "suppress", "tags", "firing");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /**
   * @throws IllegalArgumentException with a user-facing reason
   */
  static RuleAnnotations read(Annotation[] annotations) {
    String id = null;
    Map<String, String> tags = new HashMap<>();
    for (Annotation a : annotations) {
      if (a instanceof Name n) {
        id = n.value();
      } else if (a instanceof Tag t) {
        if (!TAGS.contains(t.name())) {
          throw new IllegalArgumentException(
              "unknown @Tag name '" + t.name() + "'; known: severity, by, version, suppress, tags, firing");
        }
        if (tags.put(t.name(), t.value()) != null) {
          throw new IllegalArgumentException("@Tag '" + t.name() + "' is given twice");
        }
      }
    }
    if (id == null) {
      throw new IllegalArgumentException("every rule needs a @Name('rule_id') annotation");
    }
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "rule id '" + id + "' must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    String severity = tags.getOrDefault("severity", "medium");
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException(
          "severity '" + severity + "' must be one of low, medium, high, critical");
    }
    String by = tags.get("by");
    if (by != null && by.isBlank()) {
      throw new IllegalArgumentException("@Tag 'by' must name a key field");
    }
    return new RuleAnnotations(
        id, severity, by, version(tags.get("version")), suppress(tags.get("suppress")), tags(tags.get("tags")),
        firing(tags.get("firing")));
  }

  private static Firing firing(String text) {
    if (text == null) {
      return Firing.ANY;
    }
    return switch (text) {
      case "on_event" -> Firing.ON_EVENT;
      case "on_time" -> Firing.ON_TIME;
      default -> throw new IllegalArgumentException("firing '" + text + "' must be on_event or on_time");
    };
  }

  private static Duration suppress(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("suppress '" + text + "': " + e.getMessage());
    }
  }

  private static Set<String> tags(String text) {
    if (text == null) {
      return Set.of();
    }
    return Set.copyOf(Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList());
  }

  private static int version(String text) {
    if (text == null) {
      return 1;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("version '" + text + "' must be a positive integer");
  }
}
