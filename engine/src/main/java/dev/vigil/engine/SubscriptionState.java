package dev.vigil.engine;

/** Whether a subscription's deliveries are being sent. */
public enum SubscriptionState {
  /** Deliveries are sent. */
  ACTIVE,
  /** Paused by a user; deliveries accumulate and are sent on resume. */
  PAUSED,
  /** Disabled by Vigil (endpoint gone or failing too long); see the reason. Resume re-enables it. */
  DISABLED
}
