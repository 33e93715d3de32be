package dev.vigil.rules.internal.epl;

import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.Template;
import dev.vigil.rules.ast.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EPL for window rules (a data window, {@code group by} the key, {@code having}) and sequences
 * (an Esper pattern with {@code every} on the first step, the key correlated on every later step
 * and {@code timer:within}; an absent last step becomes {@code timer:interval(...) and not ...}).
 * Steps are tagged {@code e1..eN} whatever their labels, so a label never collides with EPL.
 */
final class EplQueries {

  private EplQueries() {}

  /** A window rule; {@code evidence}: list every event of a sliding window ({@code evidence window}). */
  static String windowed(Query.Windowed w, String key, Template template, String fallback, boolean evidence) {
    EplExpr exprs = new EplExpr(EplGenerator.plain());
    List<String> select = new ArrayList<>();
    if (key != null) {
      select.add(EplText.field(key) + " as " + EplText.field(key));
    }
    String ts = EplText.field("timestamp");
    // Without 'evidence window' a sliding window's row names neither its events nor their times:
    // the engine takes the event being sent (the one that tipped the window) as the alert's event,
    // and the bounds are the window's own, (now - size, now]. Any of window()/first()/last() makes
    // Esper keep a list of every event per key beside the data window; without them P5 runs ~20 %
    // faster (docs/design/window-alerts.md).
    Window.Sliding lean = w.window() instanceof Window.Sliding s && !evidence ? s : null;
    if (w.window() instanceof Window.All) {
      select.add("last(event_id) as event_id");
    } else if (lean == null) {
      select.add("window(event_id) as event_ids");
    }
    select.add(EplGenerator.message(template, fallback, exprs, null) + " as message");
    // The engine sends each runtime its events in timestamp order, so the first and last event of
    // the key's window hold its smallest and largest time: first()/last() read them from the
    // events window(event_id) keeps anyway, where min()/max() would keep two sorted sets of every
    // timestamp in the window (docs/performance.md, "Memory").
    if (lean != null) {
      long size = lean.size().millis();
      select.add("(current_timestamp() - " + size + "L) as window_start");
      select.add("current_timestamp() as window_end");
    } else if (w.window() instanceof Window.Tumbling t) {
      long size = t.size().millis();
      select.add("(first(" + ts + ") - first(" + ts + ") % " + size + "L) as window_start");
      select.add("(first(" + ts + ") - first(" + ts + ") % " + size + "L + " + size + "L) as window_end");
    } else if (!(w.window() instanceof Window.All)) {
      select.add("first(" + ts + ") as window_start");
      select.add("last(" + ts + ") as window_end");
    }
    StringBuilder sb = new StringBuilder("select ").append(String.join(",\n       ", select));
    sb.append("\nfrom ").append(EplGenerator.stream(w.source(), key, exprs, null))
        .append(EplGenerator.windowSpec(w.window(), key));
    if (key != null) {
      sb.append("\ngroup by ").append(EplText.field(key));
    }
    sb.append("\nhaving ").append(exprs.of(w.having())).append(";\n");
    return sb.toString();
  }

  static String sequence(Query.Sequence s, String key, Template template, String fallback) {
    Map<String, String> aliases = new HashMap<>();
    List<Query.Step> steps = s.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).label() != null) {
        aliases.put(steps.get(i).label().name(), "e" + (i + 1));
      }
    }
    boolean absence = steps.get(steps.size() - 1).absent();
    int positive = absence ? steps.size() - 1 : steps.size();
    List<String> filters = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Query.Step step = steps.get(i);
      EplExpr exprs = new EplExpr(scope(aliases, null));
      String correlate = key == null || i == 0 ? null : EplText.field(key) + " = e1." + EplText.field(key);
      filters.add(EplGenerator.stream(step.source(), key, exprs, correlate));
    }
    String within = EplText.period(s.within().amount(), s.within().unit());
    StringBuilder pattern = new StringBuilder("every e1=").append(filters.get(0));
    if (absence) {
      pattern.append(" -> (timer:interval(").append(within).append(") and not ").append(filters.get(1)).append(")");
    } else {
      List<String> rest = new ArrayList<>();
      for (int i = 1; i < positive; i++) {
        rest.add("e" + (i + 1) + "=" + filters.get(i));
      }
      pattern.append(" -> (").append(String.join(" -> ", rest)).append(") where timer:within(").append(within).append(")");
    }
    EplExpr select = new EplExpr(scope(aliases, "e1"));
    List<String> columns = new ArrayList<>();
    if (key != null) {
      columns.add("e1." + EplText.field(key) + " as " + EplText.field(key));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= positive; i++) {
      ids.add("e" + i + ".event_id");
    }
    columns.add("{" + String.join(", ", ids) + "} as event_ids");
    String ts = EplText.field("timestamp");
    String last = "e" + positive + "." + ts;
    String end = absence ? "e1." + ts + " + " + s.within().millis() + "L" : last;
    // {elapsed}: whole seconds from the first to the last matched event; for an absence, the period.
    String elapsed = absence ? EplText.literal(s.within().toString())
        : "cast(cast((" + end + " - e1." + ts + ") / 1000, long), string) || 's'";
    columns.add(EplGenerator.message(template, fallback, select, elapsed) + " as message");
    columns.add("e1." + ts + " as window_start");
    columns.add(end + " as window_end");
    return "select " + String.join(",\n       ", columns) + "\nfrom pattern [" + pattern + "];\n";
  }

  /** Labels become step tags; unqualified names are the key on e1 (templates) or the step's own field. */
  private static EplExpr.Scope scope(Map<String, String> aliases, String unqualifiedOn) {
    return new EplExpr.Scope() {
      @Override
      public String field(String name) {
        return unqualifiedOn == null ? EplText.field(name) : unqualifiedOn + "." + EplText.field(name);
      }

      @Override
      public String labelled(String label, String name) {
        String alias = aliases.get(label);
        if (alias == null) {
          throw new EplText.UnsafeOutputException("unknown label " + label);
        }
        return alias + "." + EplText.field(name);
      }
    };
  }
}
