package dev.vigil.rules.ast;

import dev.vigil.rules.SourceSpan;
import java.util.List;

/** One clause of a rule header or body. */
public sealed interface Clause extends Node {

  /** The clause keyword, e.g. {@code "severity"}. */
  String keyword();

  /** {@code title "Tiny authorisation, then a large charge"}. */
  record Title(Expr.Str text, SourceSpan span) implements Clause {
    public String keyword() {
      return "title";
    }
  }

  /** {@code severity high}: one of low, medium, high, critical (checked later). */
  record Severity(Ident level, SourceSpan span) implements Clause {
    public String keyword() {
      return "severity";
    }
  }

  /** {@code by card_id}: the entity key the rule groups and correlates on. */
  record By(Ident key, SourceSpan span) implements Clause {
    public String keyword() {
      return "by";
    }
  }

  /** {@code when ...}: what the rule matches. */
  record When(Query query, SourceSpan span) implements Clause {
    public String keyword() {
      return "when";
    }
  }

  /** {@code alert "Card {card_id}: {small.amount}"}. */
  record Alert(Template template, SourceSpan span) implements Clause {
    public String keyword() {
      return "alert";
    }
  }

  /** {@code suppress 1h}: at most one alert per rule and key per period. */
  record Suppress(Expr.Duration period, SourceSpan span) implements Clause {
    public String keyword() {
      return "suppress";
    }
  }

  /**
   * {@code evidence window}: the alerts of a sliding-window rule list every event of the window
   * and its first and last event time, instead of the event that tipped it and the window's bounds.
   */
  record Evidence(Ident what, SourceSpan span) implements Clause {
    public String keyword() {
      return "evidence";
    }
  }

  /** {@code tags card, testing}. */
  record Tags(List<Ident> tags, SourceSpan span) implements Clause {
    public Tags {
      tags = List.copyOf(tags);
    }

    public String keyword() {
      return "tags";
    }
  }

  /** {@code version 3}. */
  record Version(Expr.Num number, SourceSpan span) implements Clause {
    public String keyword() {
      return "version";
    }
  }
}
