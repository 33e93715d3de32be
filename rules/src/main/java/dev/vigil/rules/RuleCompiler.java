package dev.vigil.rules;

import dev.vigil.rules.ast.Clause;
import dev.vigil.rules.ast.DecisionDecl;
import dev.vigil.rules.ast.Query;
import dev.vigil.rules.ast.RuleDecl;
import dev.vigil.rules.ast.SourceUnit;
import dev.vigil.rules.ast.Window;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.internal.check.Checker;
import dev.vigil.rules.internal.drl.DrlGenerator;
import dev.vigil.rules.internal.epl.EplGenerator;
import dev.vigil.rules.internal.parse.Parser;
import dev.vigil.rules.internal.print.Printer;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compiles Vigil rule files (docs/dsl.md): detection rules to EPL, decisions to DRL. Thread-safe and stateless apart from the
 * event types and limits it was built with.
 *
 * <pre>{@code
 * RuleCompiler compiler = new RuleCompiler(engineTypes, Limits.defaults());
 * try {
 *   CompiledRuleSet set = compiler.compile("velocity.vgl", text);
 *   set.declaredTypes();            // register these event types first
 *   for (CompiledRule r : set.rules()) deploy(r.id(), r.epl());
 * } catch (RuleException e) {
 *   System.err.print(e.render());   // every error, with carets and hints
 * }
 * }</pre>
 */
public final class RuleCompiler {

  private final Map<String, EventType> known;
  private final Limits limits;
  /** What statistics the node keeps (the default: everything). */
  private final StatisticsScope kept;

  /** A compiler that knows the built-in event types, with default limits. */
  public RuleCompiler() {
    this(BuiltInTypes.all(), Limits.defaults());
  }

  /** @param knownTypes every event type the engine knows (built-in and declared earlier) */
  public RuleCompiler(Collection<EventType> knownTypes, Limits limits) {
    Map<String, EventType> m = new LinkedHashMap<>();
    for (EventType t : BuiltInTypes.all()) {
      m.put(t.name(), t);
    }
    for (EventType t : knownTypes) {
      m.put(t.name(), t);
    }
    this.known = Map.copyOf(m);
    this.limits = limits;
    this.kept = StatisticsScope.EVERYTHING;
  }

  private RuleCompiler(Map<String, EventType> known, Limits limits, StatisticsScope kept) {
    this.known = known;
    this.limits = limits;
    this.kept = kept;
  }

  /**
   * A compiler for a node that keeps only the statistics {@code kept} names (its {@code
   * stats.entity_keys} and {@code stats.dimensions}): a rule or decision that reads others is
   * rejected (R2030) instead of reading nothing.
   */
  public RuleCompiler keeping(StatisticsScope kept) {
    return new RuleCompiler(known, limits, kept);
  }

  /** Parses only. */
  public SourceUnit parse(String sourceName, String text) throws RuleSyntaxException {
    Reporter reporter = new Reporter();
    SourceUnit unit = Parser.parse(text, reporter);
    if (reporter.hasErrors()) {
      throw new RuleSyntaxException(sourceName, text, reporter.diagnostics());
    }
    return unit;
  }

  /**
   * Every problem of the file, syntax, semantics and code generation, without throwing; empty
   * when the file compiles. Semantic checks run only when the syntax is clean, to avoid
   * cascading reports from half-parsed rules.
   */
  public List<Diagnostic> check(String sourceName, String text) {
    try {
      return compile(sourceName, text, 1).warnings();
    } catch (RuleException e) {
      return e.diagnostics();
    }
  }

  public CompiledRuleSet compile(String sourceName, String text) throws RuleSyntaxException, RuleValidationException {
    return compile(sourceName, text, 1);
  }

  /**
   * Compiles a file.
   *
   * @param defaultVersion the version of rules without a {@code version} clause
   * @throws RuleSyntaxException when the file does not parse (all syntax errors)
   * @throws RuleValidationException when it parses but fails checking or generation (all errors)
   */
  public CompiledRuleSet compile(String sourceName, String text, int defaultVersion)
      throws RuleSyntaxException, RuleValidationException {
    return compile(sourceName, text, defaultVersion, false);
  }

  private CompiledRuleSet compile(String sourceName, String text, int defaultVersion, boolean skipRules)
      throws RuleSyntaxException, RuleValidationException {
    SourceUnit unit = parse(sourceName, text);
    Reporter reporter = new Reporter();
    Map<String, EventType> types = new Checker(known, limits, kept, reporter).check(unit);
    if (reporter.hasErrors()) {
      throw new RuleValidationException(sourceName, text, reporter.diagnostics());
    }
    List<CompiledDecision> decisions = decisions(unit, types, text, reporter);
    List<CompiledRule> rules = new ArrayList<>();
    for (RuleDecl rule : skipRules ? List.<RuleDecl>of() : unit.rules()) {
      int version = rule.clause(Clause.Version.class).map(v -> v.number().value().intValueExact()).orElse(defaultVersion);
      try {
        rules.add(describe(rule, version, EplGenerator.generate(rule, version), text));
      } catch (IllegalStateException e) {
        reporter.report(Diagnostic.error(DiagnosticCode.UNSAFE_OUTPUT, rule.name().span(), e.getMessage()));
      }
    }
    if (reporter.hasErrors()) {
      throw new RuleValidationException(sourceName, text, reporter.diagnostics());
    }
    List<EventType> declared = unit.events().stream().map(e -> types.get(e.name().name())).toList();
    return new CompiledRuleSet(sourceName, rules, decisions, declared, reporter.diagnostics());
  }

  /**
   * Checks the whole file but generates only its decisions (no EPL): what the decision layer
   * deploys from a file that may also hold detection rules.
   */
  public CompiledRuleSet compileDecisions(String sourceName, String text)
      throws RuleSyntaxException, RuleValidationException {
    return compile(sourceName, text, 1, true);
  }

  private static List<CompiledDecision> decisions(
      SourceUnit unit, Map<String, EventType> types, String text, Reporter reporter) {
    List<CompiledDecision> out = new ArrayList<>();
    for (DecisionDecl d : unit.decisions()) {
      try {
        String drl = DrlGenerator.generate(d);
        EventType type = types.get(d.on().name());
        String by = d.by() != null ? d.by().name()
            : type.fields().stream().filter(f -> f.key()).map(f -> f.name()).findFirst().orElse(null);
        List<CompiledDecision.ScoreLine> scores = d.scores().stream()
            .map(s -> new CompiledDecision.ScoreLine(s.points().value().intValueExact(), s.label().value(),
                Printer.expr(s.when())))
            .toList();
        List<CompiledDecision.VerdictLine> verdicts = d.verdicts().stream()
            .map(v -> new CompiledDecision.VerdictLine(v.outcome().name(), v.otherwise() ? null : Printer.expr(v.when())))
            .toList();
        SourceSpan span = d.span();
        out.add(new CompiledDecision(d.name().name(), d.on().name(), by, scores, verdicts, drl,
            text.substring(span.offset(), Math.min(text.length(), span.end()))));
      } catch (IllegalStateException e) {
        reporter.report(Diagnostic.error(DiagnosticCode.UNSAFE_OUTPUT, d.name().span(), e.getMessage()));
      }
    }
    return out;
  }

  /** The file in canonical layout (comments are dropped). */
  public static String format(String sourceName, String text) throws RuleSyntaxException {
    return Printer.print(new RuleCompiler().parse(sourceName, text));
  }

  private static CompiledRule describe(RuleDecl rule, int version, String epl, String text) {
    Query q = rule.clause(Clause.When.class).orElseThrow().query();
    LinkedHashSet<String> typesUsed = new LinkedHashSet<>();
    String kind;
    if (q instanceof Query.Filter f) {
      kind = "filter";
      typesUsed.add(f.source().type().name());
    } else if (q instanceof Query.Windowed w) {
      Window win = w.window();
      kind = win instanceof Window.Sliding ? "sliding" : win instanceof Window.Tumbling ? "tumbling"
          : win instanceof Window.Session ? "session" : "all";
      typesUsed.add(w.source().type().name());
    } else {
      Query.Sequence s = (Query.Sequence) q;
      kind = s.steps().get(s.steps().size() - 1).absent() ? "absence" : "sequence";
      s.steps().forEach(step -> typesUsed.add(step.source().type().name()));
    }
    SourceSpan span = rule.span();
    return new CompiledRule(
        rule.name().name(),
        version,
        rule.clause(Clause.Severity.class).map(s -> s.level().name()).orElse("medium"),
        rule.clause(Clause.By.class).map(b -> b.key().name()).orElse(null),
        rule.clause(Clause.Title.class).map(t -> t.text().value()).orElse(null),
        rule.clause(Clause.Suppress.class).map(s -> Duration.ofMillis(s.period().millis())).orElse(null),
        rule.clause(Clause.Tags.class).map(t -> t.tags().stream().map(i -> i.name()).toList()).orElse(List.of()),
        kind,
        kind.equals("tumbling") || kind.equals("absence") ? Firing.ON_TIME : Firing.ON_EVENT,
        List.copyOf(typesUsed),
        epl,
        text.substring(span.offset(), Math.min(text.length(), span.end())));
  }
}
