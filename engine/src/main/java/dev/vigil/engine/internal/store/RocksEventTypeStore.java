package dev.vigil.engine.internal.store;

import dev.vigil.engine.spi.EventTypeStore;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rocksdb.RocksIterator;

/** Custom event type declarations by name ({@code event_types}); a save replaces the declaration. */
final class RocksEventTypeStore implements EventTypeStore {

  private final Db db;

  RocksEventTypeStore(Db db) {
    this.db = db;
  }

  /** All stored types in name order (key order: names are ASCII, see {@link EventType#isValidName}). */
  @Override
  public List<EventType> loadAll() {
    return db.call(
        "load event types",
        () -> {
          List<EventType> types = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(db.eventTypes)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              types.add(EventTypeCodec.decode(it.value()));
            }
            it.status();
          }
          return List.copyOf(types);
        });
  }

  @Override
  public void save(EventType type) {
    Objects.requireNonNull(type, "type");
    db.put("store an event type", db.eventTypes, Keys.utf8(type.name()), EventTypeCodec.encode(type));
  }
}
