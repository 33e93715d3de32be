package dev.vigil.api.auth;

import dev.vigil.engine.ApiKeyRecord;
import dev.vigil.engine.ApiKeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Unit-test stand-in for the durable key table; integration tests use the real store. */
final class MemoryKeyStore implements ApiKeyStore {
  final Map<String, ApiKeyRecord> rows = new LinkedHashMap<>();
  int reads;

  @Override
  public synchronized void put(ApiKeyRecord key) {
    rows.put(key.id(), key);
  }

  @Override
  public synchronized Optional<ApiKeyRecord> get(String id) {
    reads++;
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public synchronized List<ApiKeyRecord> list() {
    return new ArrayList<>(rows.values());
  }
}
