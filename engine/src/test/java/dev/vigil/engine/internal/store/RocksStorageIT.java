package dev.vigil.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Alert;
import dev.vigil.engine.ApiKeyRecord;
import dev.vigil.engine.Durability;
import dev.vigil.engine.EntityRef;
import dev.vigil.engine.Event;
import dev.vigil.engine.StorageException;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksStorageIT {

  @TempDir Path dir;

  @Test
  void open_missingNestedDirectory_created() {
    Path nested = dir.resolve("a/b/data");

    try (RocksStorage storage = RocksStorage.open(nested, Durability.FSYNC)) {
      assertThat(storage.journal().lastSequence()).isZero();
    }

    assertThat(Files.isDirectory(nested)).isTrue();
  }

  @Test
  void open_directoryAlreadyOpen_failsWithClearMessage() {
    try (RocksStorage first = RocksStorage.open(dir, Durability.FSYNC)) {
      assertThatThrownBy(() -> RocksStorage.open(dir, Durability.FSYNC))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("is in use")
          .hasMessageContaining(dir.toString());
      // The failed open left the first store working.
      first.apiKeys().put(new ApiKeyRecord("k", "n", Set.of(), "h", 1, null));
      assertThat(first.apiKeys().get("k")).isPresent();
    }
  }

  @Test
  void open_pathIsAFile_failsWithStorageException() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> RocksStorage.open(file, Durability.FSYNC)).isInstanceOf(StorageException.class);
  }

  @Test
  void open_newerFormatVersion_refused() throws Exception {
    RocksStorage.open(dir, Durability.FSYNC).close();
    writeMeta(RocksStorage.FORMAT_VERSION_KEY, RocksStorage.intBytes(RocksStorage.FORMAT_VERSION + 1));

    assertThatThrownBy(() -> RocksStorage.open(dir, Durability.FSYNC))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer Vigil");
    // The refused open released the lock: the store can be fixed and opened again.
    writeMeta(RocksStorage.FORMAT_VERSION_KEY, RocksStorage.intBytes(RocksStorage.FORMAT_VERSION));
    RocksStorage.open(dir, Durability.FSYNC).close();
  }

  @Test
  void apiKeys_reopen_survivedAndListedOldestFirst() {
    ApiKeyRecord b = new ApiKeyRecord("kb", "second", Set.of("alerts:read"), "h2", 20, null);
    ApiKeyRecord a = new ApiKeyRecord("ka", "first", Set.of("admin"), "h1", 10, null);
    ApiKeyRecord c = new ApiKeyRecord("kc", "same time", Set.of(), "h3", 20, null);
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      storage.apiKeys().put(c);
      storage.apiKeys().put(b);
      storage.apiKeys().put(a);
      storage.apiKeys().put(new ApiKeyRecord("ka", "first", Set.of("admin"), "h1", 10, 30L)); // revoke
    }

    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      assertThat(storage.apiKeys().list()).extracting(ApiKeyRecord::id).containsExactly("ka", "kb", "kc");
      assertThat(storage.apiKeys().get("ka")).hasValueSatisfying(k -> assertThat(k.revokedAt()).isEqualTo(30L));
      assertThat(storage.apiKeys().get("kb")).contains(b);
      assertThat(storage.apiKeys().get("zz")).isEmpty();
    }
  }

  @Test
  void eventTypes_reopen_survivedByName() {
    EventType payment =
        EventType.custom(
            "payment",
            List.of(FieldSpec.key("payment_id").asRequired(), FieldSpec.of("amount", FieldType.DECIMAL).withMin(BigDecimal.ZERO)));
    EventType alpha = EventType.custom("alpha", List.of(FieldSpec.key("k")));
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      storage.eventTypes().save(payment);
      storage.eventTypes().save(alpha);
      storage.eventTypes().save(payment); // replacing is allowed
    }

    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      assertThat(storage.eventTypes().loadAll()).containsExactly(alpha, payment);
    }
  }

  @Test
  void close_twice_noError_andLaterCallsFailCleanly() {
    RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC);
    storage.close();
    storage.close();

    assertThatThrownBy(() -> storage.apiKeys().list())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void diskBytes_afterWrites_positiveAndGrowing() {
    try (RocksStorage storage = RocksStorage.open(dir, Durability.FSYNC)) {
      long empty = storage.diskBytes();
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        events.add(new Event("e" + i, "t", i, Map.of("payload", "p".repeat(200) + i), Map.of()));
      }
      storage.journal().admit(events, 0, 1_000);
      storage.alerts().accept(new Alert("a", "r", 1, "low", EntityRef.GLOBAL, null, null, 0, List.of(), "m", 0));

      assertThat(storage.diskBytes()).isGreaterThan(empty).isGreaterThan(100_000);
    }
  }

  /** Writes a meta entry directly with RocksDB, as a newer Vigil would have. */
  private void writeMeta(byte[] key, byte[] value) throws Exception {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (String name : ColumnFamilies.NAMES) {
      descriptors.add(new ColumnFamilyDescriptor(Keys.utf8(name)));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
      db.put(handles.get(ColumnFamilies.NAMES.indexOf(ColumnFamilies.META)), key, value);
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
