package dev.vigil.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The read-only field and attribute maps of an {@link Event}: keys and values in one array, in
 * insertion order, instead of a {@code LinkedHashMap} behind an unmodifiable wrapper. Rules keep
 * events in their windows and patterns for up to hours, so the map is most of an event's heap: a
 * transaction's nine fields take about 100 bytes here against about 550 as a {@code
 * LinkedHashMap}. Lookups scan the keys (an event has a dozen at most; keys are usually the very
 * same strings as the names looked up). Keys and short values go through {@link SharedStrings},
 * so the retained events share one copy of {@code "US"} or {@code "approved"}.
 */
final class EventFieldMap extends AbstractMap<String, Object> {

  static final EventFieldMap EMPTY = new EventFieldMap(new Object[0]);

  /** key0, value0, key1, value1, ... */
  private final Object[] entries;

  private EventFieldMap(Object[] entries) {
    this.entries = entries;
  }

  /** An immutable copy of {@code source} (itself when it already is one). */
  static EventFieldMap copyOf(Map<String, Object> source) {
    if (source == null || source.isEmpty()) {
      return EMPTY;
    }
    if (source instanceof EventFieldMap m) {
      return m;
    }
    Object[] entries = new Object[source.size() * 2];
    int i = 0;
    for (Map.Entry<String, Object> e : source.entrySet()) {
      if (i == entries.length) {
        throw new java.util.ConcurrentModificationException("map grew while copied");
      }
      entries[i++] = SharedStrings.key(e.getKey());
      entries[i++] = SharedStrings.value(e.getKey(), e.getValue());
    }
    if (i != entries.length) {
      throw new java.util.ConcurrentModificationException("map shrank while copied");
    }
    return new EventFieldMap(entries);
  }

  /**
   * By identity first (keys and the names looked up are usually the same shared strings), then by
   * cached string hash before contents: statistics look up names an event may not carry
   * (dimensions such as {@code device_id} on a transaction), and such a miss compared the
   * characters of every key of the same length.
   */
  private int indexOf(Object key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i] == key) {
        return i;
      }
    }
    if (!(key instanceof String name)) {
      return -1;
    }
    int hash = name.hashCode();
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i] instanceof String k && k.hashCode() == hash && k.equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : entries[i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return entries.length == 0;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return IntStream.range(0, entries.length / 2)
            .<Entry<String, Object>>mapToObj(i -> new SimpleImmutableEntry<>((String) entries[2 * i], entries[2 * i + 1]))
            .iterator();
      }

      @Override
      public int size() {
        return entries.length / 2;
      }
    };
  }

  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException("event fields are read-only");
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException("event fields are read-only");
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("event fields are read-only");
  }
}
