package dev.vigil.api.auth;

import dev.vigil.engine.ApiKeyRecord;
import dev.vigil.engine.ApiKeyStore;
import dev.vigil.engine.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, lists, revokes and verifies API keys on top of the durable {@link ApiKeyStore}.
 *
 * <p>Verified keys are cached for a few seconds so that the hot ingest path does not read the
 * store on every request; {@link #revoke} drops the key from the cache at once, so a revoked key
 * is refused by the next request on this node.
 *
 * <p>Two kinds of key verify: {@code vgl_<id>_<secret>} keys are looked up by id; any other string
 * is compared against the bootstrap admin record {@value #BOOTSTRAP_ID}, which holds the hash of
 * the whole {@code VIGIL_ADMIN_KEY} value (see {@link AdminBootstrap}).
 */
public final class KeyRegistry {
  /** Record id of the admin key configured by {@code auth.admin_key} / {@code VIGIL_ADMIN_KEY}. */
  public static final String BOOTSTRAP_ID = "admin-bootstrap";

  private static final int CACHE_MAX = 10_000;

  /** A freshly created key: the record as stored and the full key, which is never stored. */
  public record Issued(ApiKeyRecord record, String key) {
    @Override
    public String toString() {
      return "Issued[" + record + ", key=<redacted>]";
    }
  }

  private record Cached(ApiKeyRecord record, long expiresAtNanos) {}

  private final ApiKeyStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final long cacheTtlNanos;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public KeyRegistry(ApiKeyStore store, Clock clock, SecureRandom random, Duration cacheTtl) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.cacheTtlNanos = cacheTtl.toNanos();
  }

  public KeyRegistry(ApiKeyStore store) {
    this(store, Clock.system(), new SecureRandom(), Duration.ofSeconds(10));
  }

  public ApiKeyStore store() {
    return store;
  }

  /** Creates and stores a key; the returned {@link Issued#key()} is the only copy of the secret. */
  public Issued create(String name, Set<String> scopes) {
    KeyToken token;
    do {
      token = KeyToken.generate(random);
    } while (store.get(token.id()).isPresent());
    ApiKeyRecord record = new ApiKeyRecord(
        token.id(), name, scopes, KeyToken.hash(token.secret()), clock.millis(), null);
    store.put(record);
    return new Issued(record, token.token());
  }

  /** Stores {@code record} as is (used by the bootstrap). */
  void put(ApiKeyRecord record) {
    store.put(record);
    invalidate(record.id());
  }

  public List<ApiKeyRecord> list() {
    return store.list();
  }

  public Optional<ApiKeyRecord> get(String id) {
    return store.get(id);
  }

  /**
   * Revokes a key. Revoking an already revoked key changes nothing.
   *
   * @return the key's record, or empty when no key has this id
   */
  public Optional<ApiKeyRecord> revoke(String id) {
    Optional<ApiKeyRecord> existing = store.get(id);
    if (existing.isEmpty()) {
      return existing;
    }
    ApiKeyRecord r = existing.get();
    if (r.active()) {
      r = new ApiKeyRecord(r.id(), r.name(), r.scopes(), r.secretHash(), r.createdAt(), clock.millis());
      store.put(r);
    }
    invalidate(id);
    return Optional.of(r);
  }

  /** The active key that {@code presented} proves, or empty for unknown, wrong or revoked keys. */
  public Optional<ApiKeyRecord> authenticate(String presented) {
    String cacheKey = KeyToken.hash(presented);
    Cached c = cache.get(cacheKey);
    long now = System.nanoTime();
    if (c != null && now - c.expiresAtNanos() < 0) {
      return Optional.of(c.record());
    }
    Optional<ApiKeyRecord> found = lookup(presented).filter(ApiKeyRecord::active);
    if (found.isPresent()) {
      if (cache.size() >= CACHE_MAX) {
        cache.clear();
      }
      cache.put(cacheKey, new Cached(found.get(), now + cacheTtlNanos));
    } else if (c != null) {
      cache.remove(cacheKey);
    }
    return found;
  }

  private Optional<ApiKeyRecord> lookup(String presented) {
    Optional<KeyToken> token = KeyToken.parse(presented);
    if (token.isPresent()) {
      Optional<ApiKeyRecord> byId = store.get(token.get().id())
          .filter(r -> KeyToken.matches(token.get().secret(), r.secretHash()));
      if (byId.isPresent()) {
        return byId;
      }
    }
    return store.get(BOOTSTRAP_ID).filter(r -> KeyToken.matches(presented, r.secretHash()));
  }

  private void invalidate(String id) {
    cache.values().removeIf(c -> c.record().id().equals(id));
  }
}
