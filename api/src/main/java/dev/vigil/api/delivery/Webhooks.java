package dev.vigil.api.delivery;

/**
 * What the subscription resources need from webhook delivery: the settings, the SSRF guard for
 * URL checks, and the running dispatcher (absent when the server runs without delivery, e.g. in
 * HTTP contract tests) to wake after resume, retry and replay.
 */
public record Webhooks(WebhookSettings settings, AddressGuard guard, WebhookDispatcher dispatcher) {

  public static Webhooks withoutDispatcher(WebhookSettings settings) {
    return new Webhooks(settings, new AddressGuard(settings.allowlist()), null);
  }

  public void wake(String subscriptionId) {
    if (dispatcher != null) {
      dispatcher.wake(subscriptionId);
    }
  }
}
