package dev.vigil.engine.internal.store;

import dev.vigil.engine.ApiKeyRecord;
import dev.vigil.engine.ApiKeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.RocksIterator;

/** API keys by id ({@code api_keys}); a put replaces the record, which is how revocation is stored. */
final class RocksApiKeyStore implements ApiKeyStore {

  private static final Comparator<ApiKeyRecord> OLDEST_FIRST =
      Comparator.comparingLong(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::id);

  private final Db db;

  RocksApiKeyStore(Db db) {
    this.db = db;
  }

  @Override
  public void put(ApiKeyRecord key) {
    Objects.requireNonNull(key, "key");
    db.put("store an API key", db.apiKeys, Keys.utf8(key.id()), ApiKeyCodec.encode(key));
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    byte[] value = db.get("read an API key", db.apiKeys, Keys.utf8(id));
    return Optional.ofNullable(value).map(ApiKeyCodec::decode);
  }

  /** All keys, oldest first (by createdAt, then id). Key counts are small: this reads them all. */
  @Override
  public List<ApiKeyRecord> list() {
    List<ApiKeyRecord> keys =
        db.call(
            "list API keys",
            () -> {
              List<ApiKeyRecord> all = new ArrayList<>();
              try (RocksIterator it = db.rocks.newIterator(db.apiKeys)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                  all.add(ApiKeyCodec.decode(it.value()));
                }
                it.status();
              }
              return all;
            });
    keys.sort(OLDEST_FIRST);
    return List.copyOf(keys);
  }
}
