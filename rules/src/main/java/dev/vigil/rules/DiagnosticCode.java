package dev.vigil.rules;

/**
 * Every problem the rule compiler reports, with a stable code. Codes never change meaning once
 * released: tools and tests match on them. R10xx are lexical and syntax errors, R20xx semantic
 * errors found by the checker, R30xx code-generation limits.
 */
public enum DiagnosticCode {
  // Lexical
  UNEXPECTED_CHARACTER("R1001"),
  UNTERMINATED_STRING("R1002"),
  BAD_STRING_CHARACTER("R1003"),
  BAD_NUMBER("R1004"),
  SINGLE_EQUALS("R1005"),
  // Syntax
  EXPECTED("R1010"),
  EXPECTED_DECLARATION("R1011"),
  UNCLOSED("R1012"),
  UNKNOWN_CLAUSE("R1013"),
  EXPECTED_EXPRESSION("R1014"),
  RESERVED_WORD("R1015"),
  BAD_TEMPLATE("R1016"),
  // Semantic
  UNKNOWN_EVENT_TYPE("R2001"),
  UNKNOWN_FIELD("R2002"),
  TYPE_MISMATCH("R2003"),
  AGGREGATE_OUTSIDE_HAVING("R2004"),
  UNKNOWN_FUNCTION("R2005"),
  BAD_ARGUMENTS("R2006"),
  BAD_EVENT_REFERENCE("R2007"),
  NOT_A_KEY("R2008"),
  MISSING_CLAUSE("R2009"),
  DUPLICATE_CLAUSE("R2010"),
  DUPLICATE_NAME("R2011"),
  MISSING_WITHIN("R2012"),
  LIMIT_EXCEEDED("R2013"),
  UNKNOWN_SEVERITY("R2014"),
  BAD_REGEX("R2015"),
  HAVING_WITHOUT_WINDOW("R2016"),
  BAD_ABSENCE("R2017"),
  BAD_EVENT_DECLARATION("R2018"),
  BAD_PLACEHOLDER("R2019"),
  STATS_NEED_KEY("R2021"),
  BAD_DURATION("R2023"),
  FIELD_OUTSIDE_AGGREGATE("R2024"),
  BAD_NAME("R2025"),
  BAD_SEQUENCE("R2026"),
  BAD_LITERAL("R2027"),
  BAD_DECISION("R2028"),
  BAD_EVIDENCE("R2029"),
  STATS_NOT_KEPT("R2030"),
  // Code generation (R3001, "not compiled yet", was retired when rolling statistics compiled)
  UNSAFE_OUTPUT("R3002");

  private final String code;

  DiagnosticCode(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code "R1012"}. */
  public String code() {
    return code;
  }
}
