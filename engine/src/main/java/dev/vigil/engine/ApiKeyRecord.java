package dev.vigil.engine;

import java.util.Set;

/**
 * A stored API key. The secret itself is never stored, only its hash.
 *
 * @param id public key id (the part of the key before the secret)
 * @param name what the key is for
 * @param scopes granted scopes, e.g. {@code events:write}
 * @param secretHash hex SHA-256 of the secret
 * @param createdAt epoch ms
 * @param revokedAt epoch ms, or {@code null} while active
 */
public record ApiKeyRecord(
    String id, String name, Set<String> scopes, String secretHash, long createdAt, Long revokedAt) {
  public ApiKeyRecord {
    scopes = Set.copyOf(scopes);
  }

  public boolean active() {
    return revokedAt == null;
  }
}
