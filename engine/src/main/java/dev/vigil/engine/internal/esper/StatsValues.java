package dev.vigil.engine.internal.esper;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The {@code stats} property of one event in one runtime: the values of the statistics the
 * runtime's rules read, against a name array the runtime shares between all its events. It stays
 * with the event in the rules' windows, so it is an array (about 40 bytes for two names) rather
 * than a {@code HashMap} (about 200). Read-only.
 */
final class StatsValues extends AbstractMap<String, Object> {

  /** The sorted names of a read set, shared by the runtime's events. */
  static String[] names(Collection<String> read) {
    String[] names = read.toArray(new String[0]);
    Arrays.sort(names);
    return names;
  }

  private final String[] names;
  private final Object[] values;

  /** {@code names} from {@link #names}; {@code values} in their order (kept, not copied). */
  StatsValues(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  private int indexOf(Object key) {
    return key instanceof String ? Arrays.binarySearch(names, key) : -1;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return IntStream.range(0, names.length)
            .<Entry<String, Object>>mapToObj(i -> new SimpleImmutableEntry<>(names[i], values[i]))
            .iterator();
      }

      @Override
      public int size() {
        return names.length;
      }
    };
  }
}
