package dev.vigil.api.auth;

import java.util.Set;

/**
 * The scopes an API key can hold. {@link #ADMIN} implies every other scope and is the only scope
 * that may manage keys.
 */
public final class Scopes {
  public static final String EVENTS_WRITE = "events:write";
  public static final String RULES_WRITE = "rules:write";
  public static final String RULES_READ = "rules:read";
  public static final String ALERTS_READ = "alerts:read";
  public static final String ALERTS_WRITE = "alerts:write";
  public static final String SUBSCRIPTIONS_READ = "subscriptions:read";
  public static final String SUBSCRIPTIONS_WRITE = "subscriptions:write";
  /** Ask for decisions ({@code POST /v1/decisions}, which also ingests the decided event). */
  public static final String DECISIONS_WRITE = "decisions:write";
  /** Read the decision log. */
  public static final String DECISIONS_READ = "decisions:read";
  public static final String ADMIN = "admin";

  /** Every scope, in documentation order. */
  public static final Set<String> ALL = Set.of(
      EVENTS_WRITE, RULES_WRITE, RULES_READ, ALERTS_READ, ALERTS_WRITE, SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE,
      DECISIONS_WRITE, DECISIONS_READ, ADMIN);

  private Scopes() {}

  /** Whether {@code granted} allows {@code required}. */
  public static boolean allows(Set<String> granted, String required) {
    return granted.contains(required) || granted.contains(ADMIN);
  }
}
