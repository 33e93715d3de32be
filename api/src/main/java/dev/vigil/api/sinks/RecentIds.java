package dev.vigil.api.sinks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent alert ids a sink took, bounded (oldest forgotten first). Not thread-safe. */
final class RecentIds {

  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** {@code true} when the id was not known (and is now). */
  boolean add(String id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }

  boolean contains(String id) {
    return ids.containsKey(id);
  }

  int size() {
    return ids.size();
  }
}
