package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.Decl;
import dev.vigil.rules.ast.EventDecl;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.SourceUnit;
import dev.vigil.rules.ast.Window;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type checker: resolves event types (built in, known to the engine, or declared in the
 * file), then checks every rule's clauses, names, types and limits, reporting every problem.
 */
public final class Checker {

  static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

  private final Map<String, EventType> known;
  private final Limits limits;
  private final StatisticsScope kept;
  private final Reporter reporter;

  /** A checker for a node that keeps every statistic. */
  public Checker(Map<String, EventType> known, Limits limits, Reporter reporter) {
    this(known, limits, StatisticsScope.EVERYTHING, reporter);
  }

  /** @param kept the statistics the node keeps */
  public Checker(Map<String, EventType> known, Limits limits, StatisticsScope kept, Reporter reporter) {
    this.known = known;
    this.limits = limits;
    this.kept = kept;
    this.reporter = reporter;
  }

  /**
   * Checks the file.
   *
   * @return the event types rules in the file may use: the known ones plus those it declares
   */
  public Map<String, EventType> check(SourceUnit unit) {
    Map<String, EventType> types = new LinkedHashMap<>(known);
    EventDeclChecker events = new EventDeclChecker(known, reporter);
    types.putAll(events.check(unit.events()));
    QueryChecker queries = new QueryChecker(types, events.broken(), limits, kept, reporter);
    Map<String, RuleDecl> seen = new HashMap<>();
    int count = 0;
    for (Decl d : unit.decls()) {
      if (!(d instanceof RuleDecl rule)) {
        continue;
      }
      count++;
      if (count == limits.maxRules() + 1) {
        error(DiagnosticCode.LIMIT_EXCEEDED, rule, "a file may hold at most " + limits.maxRules() + " rules", null);
      }
      String id = rule.name().name();
      if (!EventType.isValidName(id)) {
        error(DiagnosticCode.BAD_NAME, rule,
            "rule id '" + id + "' must be lower case letters, digits and '_', starting with a letter (at most 64)", null);
      }
      RuleDecl first = seen.putIfAbsent(id, rule);
      if (first != null) {
        reporter.report(Diagnostic.error(DiagnosticCode.DUPLICATE_NAME, rule.name().span(),
            "rule '" + id + "' is defined twice").withNote(first.name().span(), "first defined here"));
      }
      clauses(rule);
      queries.check(rule);
    }
    new DecisionChecker(types, events.broken(), limits, kept, reporter).check(unit.decisions());
    return types;
  }

  private void clauses(RuleDecl rule) {
    Map<String, Clause> seen = new HashMap<>();
    for (Clause c : rule.clauses()) {
      Clause first = seen.putIfAbsent(c.keyword(), c);
      if (first != null) {
        reporter.report(Diagnostic.error(DiagnosticCode.DUPLICATE_CLAUSE, c.span(),
                "rule '" + rule.name().name() + "' has more than one '" + c.keyword() + "' clause")
            .withNote(first.span(), "first given here"));
      }
      if (c instanceof Clause.Severity s && !SEVERITIES.contains(s.level().name())) {
        String near = Names.nearest(s.level().name(), SEVERITIES);
        reporter.report(Diagnostic.error(DiagnosticCode.UNKNOWN_SEVERITY, s.level().span(),
                "unknown severity '" + s.level().name() + "'")
            .withHint(near != null ? "did you mean '" + near + "'?" : "one of low, medium, high, critical"));
      } else if (c instanceof Clause.Suppress s && s.period().millis() <= 0) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_DURATION, s.period().span(), "suppress needs a positive duration"));
      } else if (c instanceof Clause.Version v && !isPositiveInt(v.number().value())) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_LITERAL, v.number().span(),
            "a version is a whole number from 1"));
      } else if (c instanceof Clause.Evidence e) {
        evidence(rule, e);
      } else if (c instanceof Clause.Tags t) {
        t.tags().stream().filter(tag -> !EventType.isValidName(tag.name())).forEach(tag -> reporter.report(
            Diagnostic.error(DiagnosticCode.BAD_NAME, tag.span(), "tag '" + tag.name() + "' must be lower case letters, digits and '_'")));
      }
    }
    if (rule.clause(Clause.When.class).isEmpty()) {
      reporter.report(Diagnostic.error(DiagnosticCode.MISSING_CLAUSE, rule.name().span(),
          "rule '" + rule.name().name() + "' has no 'when' clause").withHint("say what it matches, e.g. when transaction where amount > 9000"));
    }
  }

  /** {@code evidence window}: only on a rule over a window that keeps its events (not {@code all}). */
  private void evidence(RuleDecl rule, Clause.Evidence e) {
    if (!e.what().name().equals("window")) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_EVIDENCE, e.what().span(),
          "unknown evidence '" + e.what().name() + "'").withHint("evidence window: the alerts list every event of the window"));
      return;
    }
    boolean window = rule.clause(Clause.When.class)
        .map(w -> w.query() instanceof Query.Windowed q && !(q.window() instanceof Window.All)).orElse(true);
    if (!window) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_EVIDENCE, e.span(),
              "'evidence window' needs a sliding, tumbling or session window")
          .withHint("filters and sequences list their own events; 'over all' keeps no events"));
    }
  }

  private static boolean isPositiveInt(java.math.BigDecimal v) {
    try {
      int i = v.intValueExact();
      return i >= 1;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private void error(DiagnosticCode code, RuleDecl rule, String message, String hint) {
    reporter.report(Diagnostic.error(code, rule.name().span(), message).withHint(hint));
  }

  static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
