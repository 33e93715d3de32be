package dev.vigil.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ApiKeyRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRegistryTest {
  private final MemoryKeyStore store = new MemoryKeyStore();
  private final KeyRegistry keys =
      new KeyRegistry(store, () -> 1_000L, new SecureRandom(), Duration.ofHours(1));

  @Test
  void create_storesOnlyTheHashOfTheSecret() {
    KeyRegistry.Issued issued = keys.create("checkout", Set.of(Scopes.EVENTS_WRITE));
    KeyToken token = KeyToken.parse(issued.key()).orElseThrow();
    ApiKeyRecord stored = store.rows.get(token.id());
    assertThat(stored.secretHash()).isEqualTo(KeyToken.hash(token.secret()));
    assertThat(stored.toString()).doesNotContain(token.secret());
    assertThat(stored.createdAt()).isEqualTo(1_000L);
    assertThat(stored.active()).isTrue();
  }

  @Test
  void authenticate_rightKey_returnsRecord_wrongSecretOrUnknown_empty() {
    String key = keys.create("k", Set.of(Scopes.ALERTS_READ)).key();
    assertThat(keys.authenticate(key)).isPresent();
    assertThat(keys.authenticate(key.substring(0, key.length() - 1) + "x")).isEmpty();
    assertThat(keys.authenticate("vgl_aaaaaaaaaaaa_nope")).isEmpty();
    assertThat(keys.authenticate("anything-at-all-long")).isEmpty();
  }

  @Test
  void authenticate_cachedKey_skipsStoreButRevokeTakesEffectAtOnce() {
    String key = keys.create("k", Set.of(Scopes.ALERTS_READ)).key();
    String id = KeyToken.parse(key).orElseThrow().id();
    keys.authenticate(key);
    int reads = store.reads;
    assertThat(keys.authenticate(key)).isPresent();
    assertThat(store.reads).isEqualTo(reads); // served from the cache

    assertThat(keys.revoke(id)).hasValueSatisfying(r -> assertThat(r.revokedAt()).isEqualTo(1_000L));
    assertThat(keys.authenticate(key)).isEmpty();
  }

  @Test
  void revoke_unknownId_isEmpty_andTwice_keepsFirstRevocationTime() {
    assertThat(keys.revoke("nope")).isEmpty();
    String id = keys.create("k", Set.of(Scopes.ADMIN)).record().id();
    long first = keys.revoke(id).orElseThrow().revokedAt();
    assertThat(keys.revoke(id).orElseThrow().revokedAt()).isEqualTo(first);
  }

  @Test
  void allows_adminImpliesEveryScope() {
    for (String s : Scopes.ALL) {
      assertThat(Scopes.allows(Set.of(Scopes.ADMIN), s)).isTrue();
    }
    assertThat(Scopes.allows(Set.of(Scopes.EVENTS_WRITE), Scopes.ALERTS_READ)).isFalse();
  }

  @Test
  void bearer_parsesOnlyBearerScheme() {
    assertThat(ApiKeySecurity.bearer("Bearer abc")).contains("abc");
    assertThat(ApiKeySecurity.bearer("bearer  abc ")).contains("abc");
    assertThat(ApiKeySecurity.bearer("Basic abc")).isEmpty();
    assertThat(ApiKeySecurity.bearer("Bearer ")).isEmpty();
    assertThat(ApiKeySecurity.bearer("Bearer a b")).isEmpty();
    assertThat(ApiKeySecurity.bearer(null)).isEmpty();
  }
}
