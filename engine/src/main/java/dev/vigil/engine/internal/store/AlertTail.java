package dev.vigil.engine.internal.store;

import dev.vigil.engine.Alert;
import dev.vigil.engine.StoredAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rocksdb.RocksIterator;

/**
 * Reads the alert time index forwards, oldest first, from a cursor: what followers of the store
 * (the live tail, the file sink) read after each "new alert" signal. Cursors are the same as
 * {@link AlertScan}'s, so a {@code next_cursor} of a listing is also a valid place to resume.
 */
final class AlertTail {

  static final int MAX_LIMIT = 1000;

  private AlertTail() {}

  /** @throws IllegalArgumentException when the cursor is malformed */
  static List<StoredAlert> after(Db db, String cursor, int limit) {
    byte[] from = cursor == null ? null : Keys.timeKeyOf(cursor);
    int n = Math.max(1, Math.min(MAX_LIMIT, limit));
    return db.call(
        "follow alerts",
        () -> {
          List<byte[]> keys = new ArrayList<>(Math.min(n, 64));
          List<byte[]> ids = new ArrayList<>(Math.min(n, 64));
          try (RocksIterator it = db.rocks.newIterator(db.alertsByTime)) {
            if (from == null) {
              it.seekToFirst();
            } else {
              it.seek(from);
              if (it.isValid() && Arrays.equals(it.key(), from)) {
                it.next();
              }
            }
            for (; it.isValid() && keys.size() < n; it.next()) {
              keys.add(it.key());
              ids.add(Keys.utf8(AlertCodec.decodeIndexEntry(it.value()).alertId()));
            }
            it.status();
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          List<byte[]> values = db.rocks.multiGetAsList(Collections.nCopies(ids.size(), db.alerts), ids);
          List<StoredAlert> out = new ArrayList<>(values.size());
          for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
              Alert a = AlertCodec.decode(values.get(i));
              out.add(new StoredAlert(Keys.cursorOf(keys.get(i)), a));
            }
          }
          return out;
        });
  }

  static String lastCursor(Db db) {
    byte[] last = lastKey(db);
    return last == null ? null : Keys.cursorOf(last);
  }

  /** The creation time of the newest alert, or {@link Long#MIN_VALUE} when there is none. */
  static long lastCreatedAt(Db db) {
    byte[] last = lastKey(db);
    return last == null ? Long.MIN_VALUE : Keys.createdAtOf(last);
  }

  private static byte[] lastKey(Db db) {
    return db.call(
        "read the newest alert",
        () -> {
          try (RocksIterator it = db.rocks.newIterator(db.alertsByTime)) {
            it.seekToLast();
            byte[] key = it.isValid() ? it.key() : null;
            it.status();
            return key;
          }
        });
  }
}
