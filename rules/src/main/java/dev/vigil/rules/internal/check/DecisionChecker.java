package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.ast.DecisionDecl;
import dev.vigil.rules.ast.Ident;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks decision blocks: a known event type, a key field for statistics and alerts, integer
 * points, non-empty labels, conditions that are true/false (with {@code score} only in verdict
 * lines) and exactly one {@code otherwise} verdict, last.
 */
final class DecisionChecker {

  /** The most points a single score line may add or remove. */
  static final int MAX_POINTS = 10_000;
  static final int MAX_LABEL = 200;
  static final int MAX_LINES = 200;

  private final Map<String, EventType> types;
  private final Set<String> brokenTypes;
  private final Reporter reporter;
  private final ExprChecker exprs;

  DecisionChecker(Map<String, EventType> types, Set<String> brokenTypes, Limits limits, StatisticsScope kept,
      Reporter reporter) {
    this.types = types;
    this.brokenTypes = brokenTypes;
    this.reporter = reporter;
    this.exprs = new ExprChecker(reporter, limits, kept);
  }

  void check(List<DecisionDecl> decisions) {
    Map<String, DecisionDecl> names = new HashMap<>();
    Map<String, DecisionDecl> onType = new HashMap<>();
    for (DecisionDecl d : decisions) {
      String name = d.name().name();
      if (!EventType.isValidName(name)) {
        error(DiagnosticCode.BAD_NAME, d.name(), "decision name '" + name
            + "' must be lower case letters, digits and '_', starting with a letter (at most 64)", null);
      }
      DecisionDecl first = names.putIfAbsent(name, d);
      if (first != null) {
        reporter.report(Diagnostic.error(DiagnosticCode.DUPLICATE_NAME, d.name().span(),
            "decision '" + name + "' is defined twice").withNote(first.name().span(), "first defined here"));
      }
      DecisionDecl sameType = onType.putIfAbsent(d.on().name(), d);
      if (sameType != null && first == null) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_DECISION, d.on().span(),
                "event type '" + d.on().name() + "' already has decision '" + sameType.name().name() + "'")
            .withNote(sameType.on().span(), "decided here")
            .withHint("one decision per event type: put all score lines in one block"));
      }
      decision(d);
    }
  }

  private void decision(DecisionDecl d) {
    EventType type = types.get(d.on().name());
    if (type == null) {
      if (!brokenTypes.contains(d.on().name())) {
        String near = Names.nearest(d.on().name(), types.keySet());
        error(DiagnosticCode.UNKNOWN_EVENT_TYPE, d.on(), "unknown event type '" + d.on().name() + "'",
            near != null ? "did you mean '" + near + "'?" : "known types: " + String.join(", ", Checker.sorted(types.keySet())));
      }
      return;
    }
    String key = key(d, type);
    lines(d, new Scope(type, Map.of(), Set.of(), Scope.Kind.DECISION, key, false));
  }

  /** The {@code by} key if valid, else the type's first key field; null when there is none. */
  static String key(DecisionDecl d, EventType type) {
    if (d.by() != null) {
      FieldSpec f = type.field(d.by().name());
      return f != null && f.key() ? d.by().name() : null;
    }
    return type.fields().stream().filter(FieldSpec::key).map(FieldSpec::name).findFirst().orElse(null);
  }

  private void lines(DecisionDecl d, Scope scope) {
    if (d.by() != null && scope.key() == null) {
      FieldSpec f = scope.current().field(d.by().name());
      error(f == null ? DiagnosticCode.UNKNOWN_FIELD : DiagnosticCode.NOT_A_KEY, d.by(),
          f == null ? "event type '" + d.on().name() + "' has no field '" + d.by().name() + "'"
              : "'" + d.by().name() + "' is not a key field of '" + d.on().name() + "'", null);
      scope = new Scope(scope.current(), Map.of(), Set.of(), Scope.Kind.DECISION, d.by().name(), false);
    }
    if (d.lines().size() > MAX_LINES) {
      error(DiagnosticCode.LIMIT_EXCEEDED, d.name(), "a decision may have at most " + MAX_LINES + " lines", null);
    }
    for (DecisionDecl.Score s : d.scores()) {
      points(s.points().value(), s);
      String label = s.label().value();
      if (label.isBlank() || label.length() > MAX_LABEL) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_LITERAL, s.label().span(),
            "a reason label has 1 to " + MAX_LABEL + " characters"));
      }
      exprs.condition(s.when(), scope, "score");
    }
    Scope verdicts = scope.withKind(Scope.Kind.DECISION_VERDICT);
    List<DecisionDecl.Verdict> vs = d.verdicts();
    DecisionDecl.Verdict otherwise = null;
    for (int i = 0; i < vs.size(); i++) {
      DecisionDecl.Verdict v = vs.get(i);
      if (v.otherwise()) {
        if (otherwise != null) {
          reporter.report(Diagnostic.error(DiagnosticCode.BAD_DECISION, v.span(), "a decision has one 'otherwise' line")
              .withNote(otherwise.span(), "first given here"));
        }
        otherwise = otherwise == null ? v : otherwise;
      } else {
        exprs.condition(v.when(), verdicts, v.outcome().name());
      }
    }
    DecisionDecl.Line last = d.lines().isEmpty() ? null : d.lines().get(d.lines().size() - 1);
    if (otherwise == null) {
      error(DiagnosticCode.MISSING_CLAUSE, d.name(), "decision '" + d.name().name() + "' has no 'otherwise' line",
          "end it with the default outcome, e.g. allow otherwise");
    } else if (last != otherwise) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_DECISION, otherwise.span(),
          "the 'otherwise' line must be the last line of the decision")
          .withHint("verdicts are tried in order; lines after 'otherwise' would never apply"));
    }
  }

  private void points(BigDecimal v, DecisionDecl.Score s) {
    boolean ok;
    try {
      ok = Math.abs(v.intValueExact()) <= MAX_POINTS;
    } catch (ArithmeticException e) {
      ok = false;
    }
    if (!ok) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_LITERAL, s.points().span(),
          "points are a whole number from -" + MAX_POINTS + " to " + MAX_POINTS));
    }
  }

  private void error(DiagnosticCode code, Ident at, String message, String hint) {
    reporter.report(Diagnostic.error(code, at.span(), message).withHint(hint));
  }
}
