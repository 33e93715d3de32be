package dev.vigil.rules.internal.lex;

/** Token kinds. Words (keywords included) are all {@link #WORD}: keywords are contextual. */
public enum TokenKind {
  WORD("a name"),
  NUMBER("a number"),
  DURATION("a duration such as 10m"),
  STRING("a string"),
  LPAREN("'('"),
  RPAREN("')'"),
  COMMA("','"),
  COLON("':'"),
  DOT("'.'"),
  PLUS("'+'"),
  MINUS("'-'"),
  STAR("'*'"),
  SLASH("'/'"),
  PERCENT("'%'"),
  EQ("'=='"),
  NE("'!='"),
  LT("'<'"),
  LE("'<='"),
  GT("'>'"),
  GE("'>='"),
  ERROR("an invalid token"),
  EOF("end of file");

  public final String description;

  TokenKind(String description) {
    this.description = description;
  }
}
