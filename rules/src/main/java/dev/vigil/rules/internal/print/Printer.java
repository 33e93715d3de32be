package dev.vigil.rules.internal.print;

import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.DecisionDecl;
import dev.vigil.rules.ast.Decl;
import dev.vigil.rules.ast.EventDecl;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.SourceUnit;
import dev.vigil.rules.ast.Template;
import dev.vigil.rules.ast.Window;
import java.util.stream.Collectors;

/**
 * The canonical printer: one layout for every tree, so {@code parse(print(tree))} equals {@code
 * tree} (ignoring positions) and "format" is parse-then-print. Clauses keep their order;
 * parentheses appear only where precedence needs them. Comments are not kept.
 */
public final class Printer {

  private Printer() {}

  public static String print(SourceUnit unit) {
    StringBuilder sb = new StringBuilder();
    for (Decl d : unit.decls()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (d instanceof EventDecl e) {
        event(sb, e);
      } else if (d instanceof RuleDecl r) {
        rule(sb, r);
      } else if (d instanceof DecisionDecl dd) {
        decision(sb, dd);
      }
    }
    return sb.toString();
  }

  private static void event(StringBuilder sb, EventDecl e) {
    sb.append("event ").append(e.name().name()).append(" (");
    sb.append(e.fields().stream().map(f -> f.name().name() + ": " + f.type().name()
        + (f.key() ? " key" : "") + (f.required() ? " required" : "")).collect(Collectors.joining(", ")));
    sb.append(")\n");
  }

  private static void rule(StringBuilder sb, RuleDecl r) {
    sb.append("rule ").append(r.name().name()).append('\n');
    for (Clause c : r.clauses()) {
      sb.append("  ").append(pad(c.keyword()));
      if (c instanceof Clause.Title t) {
        sb.append(string(t.text().value()));
      } else if (c instanceof Clause.Severity s) {
        sb.append(s.level().name());
      } else if (c instanceof Clause.By b) {
        sb.append(b.key().name());
      } else if (c instanceof Clause.When w) {
        query(sb, w.query());
      } else if (c instanceof Clause.Alert a) {
        sb.append(template(a.template()));
      } else if (c instanceof Clause.Suppress s) {
        sb.append(s.period());
      } else if (c instanceof Clause.Evidence e) {
        sb.append(e.what().name());
      } else if (c instanceof Clause.Tags t) {
        sb.append(t.tags().stream().map(i -> i.name()).collect(Collectors.joining(", ")));
      } else if (c instanceof Clause.Version v) {
        sb.append(v.number().value().toPlainString());
      }
      sb.append('\n');
    }
  }

  private static void decision(StringBuilder sb, DecisionDecl d) {
    sb.append("decision ").append(d.name().name()).append(" on ").append(d.on().name());
    if (d.by() != null) {
      sb.append(" by ").append(d.by().name());
    }
    sb.append('\n');
    for (DecisionDecl.Line line : d.lines()) {
      if (line instanceof DecisionDecl.Score s) {
        sb.append("  score ").append(s.points().value().toPlainString()).append(' ')
            .append(string(s.label().value())).append(" when ").append(expr(s.when()));
      } else if (line instanceof DecisionDecl.Verdict v) {
        sb.append("  ").append(v.outcome().name())
            .append(v.otherwise() ? " otherwise" : " when " + expr(v.when()));
      }
      sb.append('\n');
    }
  }

  private static String pad(String keyword) {
    return keyword.length() >= 8 ? keyword + " " : keyword + " ".repeat(9 - keyword.length());
  }

  private static void query(StringBuilder sb, Query q) {
    if (q instanceof Query.Filter f) {
      sb.append(source(f.source()));
    } else if (q instanceof Query.Windowed w) {
      sb.append(source(w.source())).append(" over ").append(window(w.window()));
      if (w.having() != null) {
        sb.append(" having ").append(expr(w.having()));
      }
    } else if (q instanceof Query.Sequence s) {
      sb.append("sequence");
      if (s.within() != null) {
        sb.append(" within ").append(s.within());
      }
      for (Query.Step step : s.steps()) {
        sb.append("\n    ");
        if (step.absent()) {
          sb.append("not ");
        }
        if (step.label() != null) {
          sb.append(step.label().name()).append(": ");
        }
        sb.append(source(step.source()));
      }
    }
  }

  private static String source(Query.Source s) {
    return s.where() == null ? s.type().name() : s.type().name() + " where " + expr(s.where());
  }

  private static String window(Window w) {
    if (w instanceof Window.Sliding s) {
      return "sliding " + s.size();
    } else if (w instanceof Window.Tumbling t) {
      return "tumbling " + t.size();
    } else if (w instanceof Window.Session s) {
      return "session gap " + s.gap();
    }
    return "all";
  }

  /** A string literal in rule syntax. */
  public static String string(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String template(Template t) {
    StringBuilder sb = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Text text) {
        sb.append(text.text().replace("{", "{{").replace("}", "}}"));
      } else if (p instanceof Template.Hole h) {
        sb.append('{').append(expr(h.expr())).append('}');
      }
    }
    return string(sb.toString());
  }

  public static String expr(Expr e) {
    return ExprPrinter.print(e);
  }
}
