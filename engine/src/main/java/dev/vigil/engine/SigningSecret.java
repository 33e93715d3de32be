package dev.vigil.engine;

/**
 * A webhook signing secret ({@code whsec_} + base64 of random bytes).
 *
 * @param value the secret, in clear: the sender needs it to sign
 * @param createdAt epoch ms
 * @param expiresAt epoch ms after which it no longer signs (set on rotation), or {@code null}
 */
public record SigningSecret(String value, long createdAt, Long expiresAt) {

  public boolean liveAt(long nowMillis) {
    return expiresAt == null || nowMillis < expiresAt;
  }

  @Override
  public String toString() {
    return "SigningSecret[<redacted>, createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
