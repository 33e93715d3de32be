package dev.vigil.samples.load;

import java.util.List;

/**
 * The fraud scenarios the generator injects, each with the bundled sample rules that should
 * detect it (the rules a node runs without {@code rules.dir}; see docs/configuration.md).
 */
public enum Scenario {
  /** A fraudster device tries tiny amounts on six stolen cards, then charges two of them. */
  CARD_TESTING("card_testing", "shared_device"),
  /** Login from a new device, password change, login again, large spend. */
  ACCOUNT_TAKEOVER("new_device_password_change", "account_takeover"),
  /** A home-country transaction, then one abroad minutes later. */
  IMPOSSIBLE_TRAVEL("impossible_travel"),
  /** 25 to 35 transactions on one card within about three minutes. */
  VELOCITY_BURST("rapid_fire", "velocity_sliding"),
  /** One transaction far above the user's usual amount (at least 10 earlier ones). */
  AMOUNT_SPIKE("amount_spike");

  private final List<String> rules;

  Scenario(String... rules) {
    this.rules = List.of(rules);
  }

  /** Ids of the bundled rules expected to alert on this scenario. */
  public List<String> rules() {
    return rules;
  }

  /** The name used in labels and reports, e.g. {@code card_testing}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
