package dev.vigil.engine;

import java.util.List;
import java.util.Optional;

/** Durable storage of API keys. */
public interface ApiKeyStore {
  void put(ApiKeyRecord key);

  Optional<ApiKeyRecord> get(String id);

  /** All keys, oldest first. */
  List<ApiKeyRecord> list();
}
