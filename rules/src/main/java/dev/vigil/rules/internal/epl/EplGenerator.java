package dev.vigil.rules.internal.epl;

import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.Expr;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.Template;
import dev.vigil.rules.ast.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates one EPL statement per checked rule, following the operator-EPL convention the engine
 * deploys (docs/dsl.md, "Generated EPL"): {@code @Name} and {@code @Tag}s for id, severity, key and version;
 * a select clause with the key column, {@code message}, {@code event_ids} or {@code event_id}, and
 * for windows {@code window_start}/{@code window_end}. Windowed and sequence forms are in {@link
 * EplQueries}. The text is assembled only from fixed fragments and {@link EplText} output.
 */
public final class EplGenerator {

  private EplGenerator() {}

  /**
   * The EPL of {@code rule}, which must have passed the checker.
   *
   * @throws IllegalStateException when unsafe text would reach EPL (a checker bug)
   */
  public static String generate(RuleDecl rule, int version) {
    try {
      return header(rule, version) + body(rule);
    } catch (EplText.UnsafeOutputException e) {
      throw new IllegalStateException("refusing to emit unsafe EPL: " + e.getMessage(), e);
    }
  }

  private static String header(RuleDecl rule, int version) {
    StringBuilder sb = new StringBuilder();
    sb.append("@Name(").append(EplText.ruleId(rule.name().name())).append(")\n");
    String severity = rule.clause(Clause.Severity.class).map(s -> s.level().name()).orElse("medium");
    sb.append("@Tag(name='severity', value=").append(EplText.literal(EplText.name(severity))).append(")\n");
    rule.clause(Clause.By.class).ifPresent(by ->
        sb.append("@Tag(name='by', value=").append(EplText.literal(EplText.name(by.key().name()))).append(")\n"));
    sb.append("@Tag(name='version', value='").append(version).append("')\n");
    return sb.toString();
  }

  private static String body(RuleDecl rule) {
    Query q = rule.clause(Clause.When.class).orElseThrow().query();
    String key = rule.clause(Clause.By.class).map(b -> b.key().name()).orElse(null);
    Template template = rule.clause(Clause.Alert.class).map(Clause.Alert::template).orElse(null);
    String fallback = rule.clause(Clause.Title.class).map(t -> t.text().value()).orElse(rule.name().name());
    if (q instanceof Query.Filter f) {
      return filter(f, key, template, fallback);
    } else if (q instanceof Query.Windowed w) {
      return EplQueries.windowed(w, key, template, fallback, rule.clause(Clause.Evidence.class).isPresent());
    } else if (q instanceof Query.Sequence s) {
      return EplQueries.sequence(s, key, template, fallback);
    }
    throw new IllegalStateException(q.getClass().getName());
  }

  private static String filter(Query.Filter f, String key, Template template, String fallback) {
    EplExpr exprs = new EplExpr(plain());
    List<String> select = new ArrayList<>();
    if (key != null) {
      select.add(EplText.field(key) + " as " + EplText.field(key));
    }
    select.add("event_id as event_id");
    select.add(message(template, fallback, exprs, null) + " as message");
    return "select " + String.join(",\n       ", select) + "\nfrom "
        + stream(f.source(), key, exprs, null) + ";\n";
  }

  /** {@code type(cond and key is not null [and extra])}. */
  static String stream(Query.Source source, String key, EplExpr exprs, String extra) {
    List<String> conditions = new ArrayList<>();
    if (source.where() != null) {
      conditions.add(exprs.of(source.where()));
    }
    if (key != null) {
      conditions.add(extra != null ? extra : EplText.field(key) + " is not null");
    }
    String type = EplText.name(source.type().name());
    return conditions.isEmpty() ? type : type + "(" + String.join(" and ", conditions) + ")";
  }

  /** Unqualified fields as back-quoted names; labels do not exist outside sequences. */
  static EplExpr.Scope plain() {
    return new EplExpr.Scope() {
      @Override
      public String field(String name) {
        return EplText.field(name);
      }

      @Override
      public String labelled(String label, String name) {
        throw new EplText.UnsafeOutputException("label outside a sequence: " + label);
      }
    };
  }

  /**
   * The alert message: text parts as literals joined with {@code ||}, each hole as {@code
   * coalesce(cast(x, string), '?')} so one missing value does not blank the whole message.
   *
   * @param elapsed the EPL of {@code {elapsed}} as a string, or null outside sequences
   */
  static String message(Template template, String fallback, EplExpr exprs, String elapsed) {
    if (template == null || template.parts().isEmpty()) {
      return EplText.literal(fallback);
    }
    List<String> parts = new ArrayList<>();
    for (Template.Part p : template.parts()) {
      if (p instanceof Template.Text t) {
        parts.add(EplText.literal(t.text()));
      } else if (p instanceof Template.Hole h) {
        if (elapsed != null && h.expr() instanceof Expr.Field f && f.qualifier() == null
            && f.name().name().equals("elapsed")) {
          parts.add(elapsed);
        } else {
          parts.add("coalesce(cast(" + exprs.of(h.expr()) + ", string), '?')");
        }
      }
    }
    return String.join(" || ", parts);
  }

  static String windowSpec(Window w, String key) {
    if (w instanceof Window.Sliding s) {
      return "#time(" + EplText.period(s.size().amount(), s.size().unit()) + ")";
    } else if (w instanceof Window.Tumbling t) {
      return "#time_batch(" + EplText.period(t.size().amount(), t.size().unit()) + ", 0L)";
    } else if (w instanceof Window.Session s) {
      String group = key == null ? "" : "#groupwin(" + EplText.field(key) + ")";
      return group + "#time_accum(" + EplText.period(s.gap().amount(), s.gap().unit()) + ")";
    }
    return "";
  }
}
