package dev.vigil.rules.internal.drl;

import dev.vigil.rules.ast.DecisionDecl;
import java.util.List;

/**
 * Generates the DRL of one checked decision block, in the shape the engine's Drools backend runs
 * (docs/dsl.md, "Generated DRL"):
 *
 * <ul>
 *   <li>one rule per score line, salience 100: a single {@code DecisionInput} pattern whose
 *       constraint is the line's condition; the consequence inserts {@code $in.reason(i, points)};
 *   <li>one total rule, salience 50: {@code accumulate( Reason( $p : points ); $total : sum( $p ) )}
 *       and inserts {@code new Scored( $in, $total )};
 *   <li>one rule per verdict line except {@code otherwise}, salience 10, on {@code Scored}; the
 *       consequence records {@code $s.verdict(i)}. The engine picks the first recorded verdict.
 * </ul>
 *
 * Labels and the decision's own text never appear; rule names are built from the checked
 * decision name and indexes.
 */
public final class DrlGenerator {

  /** The package of the fact classes generated DRL imports. */
  public static final String FACT_PACKAGE = "dev.vigil.engine.internal.drools";

  private DrlGenerator() {}

  public static String generate(DecisionDecl d) {
    String name = d.name().name();
    String quoted = DrlText.name(name);
    StringBuilder sb = new StringBuilder();
    sb.append("package vigil.decisions;\n\n");
    for (String fact : List.of("DecisionInput", "Reason", "Scored")) {
      sb.append("import ").append(FACT_PACKAGE).append('.').append(fact).append(";\n");
    }
    List<DecisionDecl.Score> scores = d.scores();
    DrlExpr lines = new DrlExpr(false);
    for (int i = 0; i < scores.size(); i++) {
      DecisionDecl.Score s = scores.get(i);
      int points = s.points().value().intValueExact();
      sb.append("\nrule \"").append(name).append(".score.").append(i).append("\" salience 100\nwhen\n")
          .append("  $in : DecisionInput( decision == ").append(quoted)
          .append(", isTrue( ").append(lines.test(s.when())).append(" ) )\n")
          .append("then\n  insert( $in.reason( ").append(DrlText.integer(i)).append(", ")
          .append(DrlText.integer(points)).append(" ) );\nend\n");
    }
    sb.append("\nrule \"").append(name).append(".total\" salience 50\nwhen\n")
        .append("  $in : DecisionInput( decision == ").append(quoted).append(" )\n")
        .append("  accumulate( Reason( $p : points ); $total : sum( $p ) )\n")
        .append("then\n  insert( new Scored( $in, $total ) );\nend\n");
    List<DecisionDecl.Verdict> verdicts = d.verdicts();
    DrlExpr total = new DrlExpr(true);
    for (int i = 0; i < verdicts.size(); i++) {
      DecisionDecl.Verdict v = verdicts.get(i);
      if (v.otherwise()) {
        continue;
      }
      sb.append("\nrule \"").append(name).append(".verdict.").append(i).append("\" salience 10\nwhen\n")
          .append("  $s : Scored( decision == ").append(quoted)
          .append(", isTrue( ").append(total.test(v.when())).append(" ) )\n")
          .append("then\n  $s.verdict( ").append(DrlText.integer(i)).append(" );\nend\n");
    }
    return sb.toString();
  }
}
