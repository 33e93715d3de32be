package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.Limits;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Expr.BinaryOp;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Types expressions against the event schemas and checks that every name they use exists where
 * the expression stands (see {@link Scope}). Returns {@link Type#ERROR} after reporting, which
 * fits anywhere, so one mistake yields one diagnostic.
 */
final class ExprChecker {

  private final Reporter reporter;
  private final Limits limits;
  private final CallChecker calls;

  /** @param kept the statistics the node keeps */
  ExprChecker(Reporter reporter, Limits limits, dev.vigil.rules.StatisticsScope kept) {
    this.reporter = reporter;
    this.limits = limits;
    this.calls = new CallChecker(this, limits, kept);
  }

  /** Checks a condition: it must be true or false. */
  void condition(Expr e, Scope scope, String clause) {
    Type t = type(e, scope);
    if (!t.fits(Type.BOOLEAN) || t == Type.NULL) {
      report(DiagnosticCode.TYPE_MISMATCH, e.span(),
          "the condition of '" + clause + "' must be true or false but this is " + t.description,
          "compare it, e.g. amount > 100");
    }
  }

  Type type(Expr e, Scope scope) {
    if (e instanceof Expr.Num) {
      return Type.NUMBER;
    } else if (e instanceof Expr.Str) {
      return Type.STRING;
    } else if (e instanceof Expr.Bool) {
      return Type.BOOLEAN;
    } else if (e instanceof Expr.Null) {
      return Type.NULL;
    } else if (e instanceof Expr.Duration d) {
      return report(DiagnosticCode.BAD_DURATION, d.span(), "a duration is not a value here",
          "durations appear after within, over, suppress and as the horizon of stats functions");
    } else if (e instanceof Expr.Field f) {
      return field(f, scope);
    } else if (e instanceof Expr.Call c) {
      return calls.call(c, scope);
    } else if (e instanceof Expr.Unary u) {
      Type wanted = u.op() == Expr.UnaryOp.NEG ? Type.NUMBER : Type.BOOLEAN;
      expect(u.operand(), scope, wanted, "'" + u.op().symbol + "'");
      return wanted;
    } else if (e instanceof Expr.Binary b) {
      return binary(b, scope);
    } else if (e instanceof Expr.In in) {
      return in(in, scope);
    } else if (e instanceof Expr.Between b) {
      Type t = type(b.value(), scope);
      Type want = t == Type.STRING ? Type.STRING : Type.NUMBER;
      expect(b.value(), t, want, "'between'");
      expect(b.low(), scope, want, "'between'");
      expect(b.high(), scope, want, "'between'");
      return Type.BOOLEAN;
    } else if (e instanceof Expr.Matches m) {
      expect(m.value(), scope, Type.STRING, "'matches'");
      regex(m.regex());
      return Type.BOOLEAN;
    } else if (e instanceof Expr.IsNull n) {
      type(n.value(), scope);
      return Type.BOOLEAN;
    }
    throw new IllegalStateException(e.getClass().getName());
  }

  private Type binary(Expr.Binary b, Scope scope) {
    BinaryOp op = b.op();
    if (op == BinaryOp.AND || op == BinaryOp.OR) {
      expect(b.left(), scope, Type.BOOLEAN, "'" + op.symbol + "'");
      expect(b.right(), scope, Type.BOOLEAN, "'" + op.symbol + "'");
      return Type.BOOLEAN;
    }
    if (op.isArithmetic()) {
      expect(b.left(), scope, Type.NUMBER, "'" + op.symbol + "'");
      expect(b.right(), scope, Type.NUMBER, "'" + op.symbol + "'");
      return Type.NUMBER;
    }
    if (op == BinaryOp.STARTS_WITH || op == BinaryOp.ENDS_WITH || op == BinaryOp.CONTAINS) {
      expect(b.left(), scope, Type.STRING, "'" + op.symbol + "'");
      if (!(b.right() instanceof Expr.Str)) {
        report(DiagnosticCode.BAD_ARGUMENTS, b.right().span(),
            "the right side of '" + op.symbol + "' must be a string literal", "e.g. email ends_with \"@example.com\"");
      }
      return Type.BOOLEAN;
    }
    if ((b.right() instanceof Expr.Null || b.left() instanceof Expr.Null)) {
      String not = op == BinaryOp.NE ? "not " : "";
      return report(DiagnosticCode.TYPE_MISMATCH, b.span(),
          "comparing with null is never true", "test for a missing value with 'is " + not + "null'");
    }
    Type l = type(b.left(), scope);
    Type r = type(b.right(), scope);
    boolean ordered = op != BinaryOp.EQ && op != BinaryOp.NE;
    if (ordered && (l == Type.BOOLEAN || r == Type.BOOLEAN)) {
      report(DiagnosticCode.TYPE_MISMATCH, b.span(), "'" + op.symbol + "' cannot order true/false values", null);
    } else if (!l.fits(r) && !r.fits(l)) {
      report(DiagnosticCode.TYPE_MISMATCH, b.span(),
          "cannot compare " + l.description + " with " + r.description + " using '" + op.symbol + "'",
          l == Type.NUMBER && r == Type.STRING ? "write numbers without quotes" : null);
    }
    return Type.BOOLEAN;
  }

  private Type in(Expr.In in, Scope scope) {
    Type t = type(in.value(), scope);
    if (in.items().size() > limits.maxListItems()) {
      report(DiagnosticCode.LIMIT_EXCEEDED, in.span(),
          "an 'in' list has " + in.items().size() + " items; the limit is " + limits.maxListItems(), null);
    }
    for (Expr item : in.items()) {
      boolean literal = item instanceof Expr.Num || item instanceof Expr.Str || item instanceof Expr.Bool
          || (item instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.Num);
      if (!literal) {
        report(DiagnosticCode.BAD_ARGUMENTS, item.span(), "the items of an 'in' list must be literals",
            "e.g. country in (\"US\", \"CA\")");
        continue;
      }
      Type it = type(item, scope);
      if (!it.fits(t) && !t.fits(it)) {
        report(DiagnosticCode.TYPE_MISMATCH, item.span(),
            "this item is " + it.description + " but the value tested is " + t.description, null);
      }
    }
    return Type.BOOLEAN;
  }

  private void regex(Expr.Str regex) {
    if (regex.value().length() > limits.maxRegexLength()) {
      report(DiagnosticCode.LIMIT_EXCEEDED, regex.span(), "the regular expression has " + regex.value().length()
          + " characters; the limit is " + limits.maxRegexLength(), null);
      return;
    }
    try {
      Pattern.compile(regex.value());
    } catch (PatternSyntaxException ex) {
      report(DiagnosticCode.BAD_REGEX, regex.span(), "invalid regular expression: " + ex.getDescription(),
          "the syntax is java.util.regex; the whole value must match");
    }
  }

  private Type field(Expr.Field f, Scope scope) {
    if (f.qualifier() != null) {
      return qualified(f, scope);
    }
    String name = f.name().name();
    switch (scope.kind()) {
      case SEQUENCE_TEMPLATE -> {
        if (name.equals("elapsed")) {
          return Type.NUMBER;
        }
        if (name.equals(scope.key())) {
          return Type.STRING;
        }
        List<String> labels = new ArrayList<>(scope.labels().keySet());
        return report(DiagnosticCode.BAD_EVENT_REFERENCE, f.span(),
            "in a sequence, name the step a field comes from: '" + name + "' alone is ambiguous",
            labels.isEmpty() ? "label the steps, e.g. small: transaction" : "e.g. {" + labels.get(0) + "." + name + "}");
      }
      case HAVING, WINDOW_TEMPLATE -> {
        if (name.equals(scope.key())) {
          return Type.STRING;
        }
        if (lookup(scope.current(), name) != null) {
          return report(DiagnosticCode.FIELD_OUTSIDE_AGGREGATE, f.span(),
              "field '" + name + "' varies across the window's events; use it inside an aggregate",
              "e.g. max(" + name + "), sum(" + name + ")");
        }
        return unknownField(f, scope.current());
      }
      case DECISION, DECISION_VERDICT -> {
        if (name.equals("score") && scope.kind() == Scope.Kind.DECISION_VERDICT) {
          return Type.NUMBER;
        }
        Type t = lookup(scope.current(), name);
        if (t == null && name.equals("score")) {
          return report(DiagnosticCode.UNKNOWN_FIELD, f.span(),
              "'score' is the total of the score lines, known only in block, review and allow lines",
              "score lines add up independently; test the total in a verdict, e.g. review when score >= 50");
        }
        return t != null ? t : unknownField(f, scope.current());
      }
      default -> {
        if (name.equals("elapsed") && isTemplate(scope)) {
          return report(DiagnosticCode.BAD_PLACEHOLDER, f.span(), "{elapsed} exists only in sequence rules", null);
        }
        Type t = lookup(scope.current(), name);
        return t != null ? t : unknownField(f, scope.current());
      }
    }
  }

  private static boolean isTemplate(Scope scope) {
    return scope.kind() == Scope.Kind.FILTER_TEMPLATE;
  }

  private Type qualified(Expr.Field f, Scope scope) {
    String label = f.qualifier().name();
    Functions.Function stat = Functions.find(label + "." + f.name().name());
    if (stat != null && !scope.labels().containsKey(label)) {
      return report(DiagnosticCode.BAD_ARGUMENTS, f.span(), "'" + stat.name() + "' is a function of a field",
          "usage: " + stat.usage());
    }
    if (!scope.sequence()) {
      return report(DiagnosticCode.BAD_EVENT_REFERENCE, f.qualifier().span(),
          "'" + label + "." + f.name().name() + "' refers to a named event, which exists only in sequences",
          "write the field alone: " + f.name().name());
    }
    EventType type = scope.labels().get(label);
    if (type == null) {
      if (scope.laterLabels().contains(label)) {
        return report(DiagnosticCode.BAD_EVENT_REFERENCE, f.qualifier().span(),
            "step '" + label + "' comes later in the sequence; a step can only refer to earlier steps", null);
      }
      String near = Names.nearest(label, scope.labels().keySet());
      return report(DiagnosticCode.BAD_EVENT_REFERENCE, f.qualifier().span(), "unknown step label '" + label + "'",
          near != null ? "did you mean '" + near + "'?" : "known labels: " + scope.labels().keySet());
    }
    Type t = lookup(type, f.name().name());
    if (t == null) {
      return unknownField(new Expr.Field(null, f.name(), f.name().span()), type);
    }
    return t;
  }

  static Type lookup(EventType type, String name) {
    if (type == null) {
      return Type.ERROR;
    }
    switch (name) {
      case "event_id", "type" -> {
        return Type.STRING;
      }
      case "timestamp" -> {
        return Type.NUMBER;
      }
      default -> {
        FieldSpec spec = type.field(name);
        return spec == null ? null : Type.of(spec.type());
      }
    }
  }

  Type unknownField(Expr.Field f, EventType type) {
    if (type == null) {
      return Type.ERROR;
    }
    List<String> names = new ArrayList<>(type.fields().stream().map(FieldSpec::name).toList());
    names.addAll(List.of("event_id", "type", "timestamp"));
    String near = Names.nearest(f.name().name(), names);
    return report(DiagnosticCode.UNKNOWN_FIELD, f.name().span(),
        "unknown field '" + f.name().name() + "' of event type '" + type.name() + "'",
        near != null ? "did you mean '" + near + "'?" : "its fields: " + String.join(", ", names));
  }

  void expect(Expr e, Scope scope, Type wanted, String what) {
    expect(e, type(e, scope), wanted, what);
  }

  void expect(Expr e, Type actual, Type wanted, String what) {
    if (!actual.fits(wanted)) {
      String hint = wanted == Type.NUMBER && actual == Type.STRING && e instanceof Expr.Str
          ? "write numbers without quotes" : null;
      report(DiagnosticCode.TYPE_MISMATCH, e.span(),
          what + " needs " + wanted.description + " but this is " + actual.description, hint);
    }
  }

  Type report(DiagnosticCode code, SourceSpan span, String message, String hint) {
    reporter.report(Diagnostic.error(code, span, message).withHint(hint));
    return Type.ERROR;
  }
}
