package dev.vigil.engine;

import java.util.List;

/**
 * A webhook subscription.
 *
 * @param id {@code sub_} + random hex
 * @param url where deliveries are POSTed
 * @param description free text
 * @param filter which alerts it receives
 * @param secrets signing secrets, newest first; more than one during a rotation's overlap
 * @param state whether deliveries are sent
 * @param disabledReason why Vigil disabled it, or {@code null}
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param failingSince epoch ms of the first failed attempt since the last success, or {@code null}
 */
public record Subscription(
    String id,
    String url,
    String description,
    SubscriptionFilter filter,
    List<SigningSecret> secrets,
    SubscriptionState state,
    String disabledReason,
    long createdAt,
    long updatedAt,
    Long failingSince) {

  public Subscription {
    secrets = List.copyOf(secrets);
    filter = filter == null ? SubscriptionFilter.ALL : filter;
  }

  /** The secrets that sign at {@code nowMillis}. */
  public List<SigningSecret> liveSecrets(long nowMillis) {
    return secrets.stream().filter(s -> s.liveAt(nowMillis)).toList();
  }

  public Subscription withState(SubscriptionState next, String reason, long at) {
    return new Subscription(id, url, description, filter, secrets, next, reason, createdAt, at, failingSince);
  }

  public Subscription withFailingSince(Long since) {
    return new Subscription(id, url, description, filter, secrets, state, disabledReason, createdAt, updatedAt, since);
  }
}
