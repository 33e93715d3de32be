package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code sequence}: {@code within} present and capped, step count, labels unique, a
 * single {@code not} step only at the end after exactly one positive step (v1), and each step's
 * condition seeing only the labels of earlier steps.
 */
final class SequenceChecker {

  private final QueryChecker queries;
  private final ExprChecker exprs;
  private final Limits limits;
  private final Reporter reporter;

  SequenceChecker(QueryChecker queries, ExprChecker exprs, Limits limits, Reporter reporter) {
    this.queries = queries;
    this.exprs = exprs;
    this.limits = limits;
    this.reporter = reporter;
  }

  /** Returns the labels of the positive steps, for the template. */
  Map<String, EventType> check(Query.Sequence s, String key) {
    if (s.within() == null) {
      reporter.report(Diagnostic.error(DiagnosticCode.MISSING_WITHIN, new dev.vigil.rules.SourceSpan(s.span().offset(), s.span().line(), s.span().column(), Math.min(8, s.span().length())),
              "a sequence needs 'within': how long after its first event the rest may follow")
          .withHint("e.g. sequence within 10m"));
    } else {
      queries.cap(s.within(), limits.maxWithin(), "'within'");
    }
    List<Query.Step> steps = s.steps();
    if (steps.size() < 2) {
      reporter.report(Diagnostic.error(DiagnosticCode.BAD_SEQUENCE, s.span(), "a sequence needs at least two steps")
          .withHint("for a single event, write: when transaction where ..."));
    } else if (steps.size() > limits.maxSteps()) {
      reporter.report(Diagnostic.error(DiagnosticCode.LIMIT_EXCEEDED, steps.get(limits.maxSteps()).span(),
          "a sequence may have at most " + limits.maxSteps() + " steps"));
    }
    absence(steps);
    Set<String> later = new HashSet<>();
    for (Query.Step step : steps) {
      if (step.label() != null) {
        later.add(step.label().name());
      }
    }
    Map<String, EventType> labels = new LinkedHashMap<>();
    Map<String, Query.Step> labelled = new LinkedHashMap<>();
    for (Query.Step step : steps) {
      EventType t = queries.resolve(step.source().type());
      if (step.label() != null) {
        later.remove(step.label().name());
      }
      Scope scope = new Scope(t, Map.copyOf(labels), Set.copyOf(later), Scope.Kind.WHERE, key, true);
      queries.where(step.source(), scope);
      if (step.label() == null) {
        continue;
      }
      Query.Step first = labelled.putIfAbsent(step.label().name(), step);
      if (first != null) {
        reporter.report(Diagnostic.error(DiagnosticCode.DUPLICATE_NAME, step.label().span(),
            "label '" + step.label().name() + "' is used twice").withNote(first.label().span(), "first used here"));
      } else if (!EventType.isValidName(step.label().name())) {
        reporter.report(Diagnostic.error(DiagnosticCode.BAD_NAME, step.label().span(),
            "label '" + step.label().name() + "' must be lower case letters, digits and '_'"));
      } else if (!step.absent() && t != null) {
        labels.put(step.label().name(), t);
      }
    }
    return labels;
  }

  private void absence(List<Query.Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      Query.Step step = steps.get(i);
      if (!step.absent()) {
        continue;
      }
      if (i != steps.size() - 1) {
        bad(step, "a 'not' step must be the last step", "the sequence fires when the absent event has not arrived within the period");
      } else if (i != 1) {
        bad(step, "a 'not' step must follow exactly one event step (a longer prefix is not supported yet)",
            "e.g. sequence within 2h  auth: authorization  not settlement");
      } else if (step.label() != null) {
        bad(step, "a 'not' step cannot have a label: there is no event to refer to", null);
      }
    }
  }

  private void bad(Query.Step step, String message, String hint) {
    reporter.report(Diagnostic.error(DiagnosticCode.BAD_ABSENCE, step.span(), message).withHint(hint));
  }
}
