package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.Template;
import dev.vigil.rules.ast.Window;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rule's {@code when} clause, its {@code by} key against every event type it uses, and
 * its alert template, each in the scope its position allows.
 */
final class QueryChecker {

  private final Map<String, EventType> types;
  private final Set<String> broken;
  private final Limits limits;
  private final Reporter reporter;
  private final ExprChecker exprs;

  QueryChecker(Map<String, EventType> types, Set<String> broken, Limits limits, StatisticsScope kept,
      Reporter reporter) {
    this.types = types;
    this.broken = broken;
    this.limits = limits;
    this.reporter = reporter;
    this.exprs = new ExprChecker(reporter, limits, kept);
  }

  void check(RuleDecl rule) {
    Clause.When when = rule.clause(Clause.When.class).orElse(null);
    if (when == null) {
      return;
    }
    String key = rule.clause(Clause.By.class).map(b -> b.key().name()).orElse(null);
    Template template = rule.clause(Clause.Alert.class).map(Clause.Alert::template).orElse(null);
    Query q = when.query();
    if (q instanceof Query.Filter f) {
      EventType t = resolve(f.source().type());
      Scope scope = new Scope(t, Map.of(), Set.of(), Scope.Kind.FILTER_WHERE, key, false);
      where(f.source(), scope);
      template(template, scope.withKind(Scope.Kind.FILTER_TEMPLATE));
    } else if (q instanceof Query.Windowed w) {
      EventType t = resolve(w.source().type());
      Scope scope = new Scope(t, Map.of(), Set.of(), Scope.Kind.WHERE, key, false);
      where(w.source(), scope);
      window(w.window());
      if (w.having() == null) {
        reporter.report(Diagnostic.error(DiagnosticCode.MISSING_CLAUSE, w.window().span(),
            "a window needs 'having': the condition on its aggregates that raises the alert")
            .withHint("e.g. " + windowText(w) + " having count() > 20"));
      } else {
        exprs.condition(w.having(), scope.withKind(Scope.Kind.HAVING), "having");
      }
      template(template, scope.withKind(Scope.Kind.WINDOW_TEMPLATE));
    } else if (q instanceof Query.Sequence s) {
      Map<String, EventType> labels = new SequenceChecker(this, exprs, limits, reporter).check(s, key);
      template(template, new Scope(null, labels, Set.of(), Scope.Kind.SEQUENCE_TEMPLATE, key, true));
    }
    rule.clause(Clause.By.class).ifPresent(by -> checkKey(by, q));
  }

  private static String windowText(Query.Windowed w) {
    return w.source().type().name() + " over ...";
  }

  EventType resolve(dev.vigil.rules.ast.Ident type) {
    EventType t = types.get(type.name());
    if (t == null && !broken.contains(type.name())) {
      String near = Names.nearest(type.name(), types.keySet());
      reporter.report(Diagnostic.error(DiagnosticCode.UNKNOWN_EVENT_TYPE, type.span(), "unknown event type '" + type.name() + "'")
          .withHint(near != null ? "did you mean '" + near + "'?"
              : "known types: " + String.join(", ", Checker.sorted(types.keySet())) + "; declare others with: event name (field: type key, ...)"));
    }
    return t;
  }

  void where(Query.Source source, Scope scope) {
    if (source.where() != null) {
      exprs.condition(source.where(), scope, "where");
    }
  }

  private void window(Window w) {
    Expr.Duration size = null;
    if (w instanceof Window.Sliding s) {
      size = s.size();
    } else if (w instanceof Window.Tumbling t) {
      size = t.size();
    } else if (w instanceof Window.Session s) {
      size = s.gap();
    }
    if (size != null) {
      cap(size, limits.maxWindow(), "a window");
    }
  }

  void cap(Expr.Duration d, Duration max, String what) {
    if (d.millis() <= 0) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_DURATION, d.span(), what + " must last longer than 0"));
    } else if (d.millis() > max.toMillis()) {
      reporter.report(Diagnostic.error(DiagnosticCode.LIMIT_EXCEEDED, d.span(),
          what + " of " + d + " is longer than the limit of " + human(max))
          .withHint("long horizons belong to stats functions, e.g. stats.mean(amount, 30d)"));
    }
  }

  private static String human(Duration d) {
    return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
  }

  private void template(Template template, Scope scope) {
    if (template == null) {
      return;
    }
    for (Template.Part p : template.parts()) {
      if (p instanceof Template.Hole h) {
        exprs.type(h.expr(), scope);
      }
    }
  }

  private void checkKey(Clause.By by, Query q) {
    String key = by.key().name();
    for (dev.vigil.rules.ast.Ident typeName : typesUsed(q)) {
      EventType t = types.get(typeName.name());
      if (t == null) {
        continue;
      }
      FieldSpec f = t.field(key);
      if (f == null || !f.key()) {
        List<String> keys = t.keys();
        String near = Names.nearest(key, keys);
        reporter.report(Diagnostic.error(DiagnosticCode.NOT_A_KEY, by.key().span(),
                (f == null ? "'" + key + "' is not a field" : "field '" + key + "' is not a key")
                    + " of event type '" + t.name() + "'")
            .withNote(typeName.span(), "'" + t.name() + "' used here")
            .withHint(near != null ? "did you mean '" + near + "'?"
                : keys.isEmpty() ? "'" + t.name() + "' has no key fields" : "its keys: " + String.join(", ", keys)));
      }
    }
  }

  static List<dev.vigil.rules.ast.Ident> typesUsed(Query q) {
    List<dev.vigil.rules.ast.Ident> used = new ArrayList<>();
    if (q instanceof Query.Filter f) {
      used.add(f.source().type());
    } else if (q instanceof Query.Windowed w) {
      used.add(w.source().type());
    } else if (q instanceof Query.Sequence s) {
      Set<String> seen = new LinkedHashSet<>();
      for (Query.Step step : s.steps()) {
        if (seen.add(step.source().type().name())) {
          used.add(step.source().type());
        }
      }
    }
    return used;
  }

  static Map<String, EventType> newLabels() {
    return new LinkedHashMap<>();
  }
}
