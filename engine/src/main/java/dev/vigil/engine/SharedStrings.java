package dev.vigil.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shared copy of the field names and of the short, few-valued field values ({@code country},
 * {@code currency}, {@code status}) of the events the rules retain: the JSON parser and the journal
 * decoder make a new string for each, about 48 bytes a value, per event, for hours. A field whose
 * values keep coming new (ids: {@code user_id}, {@code event_id}) stops being shared after {@link
 * #VALUES_PER_FIELD} distinct values and its table is dropped; a global budget ({@link
 * #MAX_ENTRIES}) bounds the whole table, after which new names and values are simply not shared.
 * Thread-safe; sharing never changes a value, only which equal string instance holds it.
 */
final class SharedStrings {

  static final int VALUES_PER_FIELD = 512;
  static final int MAX_ENTRIES = 32_768;
  static final int MAX_LENGTH = 24;

  private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();
  /** Field name to its values; {@link #MANY} once the field had too many distinct values. */
  private static final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> VALUES = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, String> MANY = new ConcurrentHashMap<>();
  private static final AtomicInteger ENTRIES = new AtomicInteger();

  private SharedStrings() {}

  /** The shared copy of a field name. */
  static String key(String name) {
    if (name == null || name.length() > 4 * MAX_LENGTH) {
      return name;
    }
    return share(NAMES, name);
  }

  /** The shared copy of {@code value} when it is a short string of a few-valued field; else itself. */
  static Object value(String field, Object value) {
    if (!(value instanceof String s) || s.length() > MAX_LENGTH || field == null) {
      return value;
    }
    ConcurrentHashMap<String, String> values = VALUES.get(field);
    if (values == null) {
      if (ENTRIES.get() >= MAX_ENTRIES) {
        return value;
      }
      values = VALUES.computeIfAbsent(SharedStrings.key(field), f -> new ConcurrentHashMap<>());
    }
    if (values == MANY) {
      return value;
    }
    String shared = values.get(s);
    if (shared != null) {
      return shared;
    }
    if (values.size() >= VALUES_PER_FIELD) {
      if (VALUES.replace(field, values, MANY)) {
        ENTRIES.addAndGet(-values.size());
      }
      return value;
    }
    return share(values, s);
  }

  /** {@code s}'s copy in {@code table}, added there while the global budget lasts. */
  private static String share(ConcurrentHashMap<String, String> table, String s) {
    String shared = table.get(s);
    if (shared != null) {
      return shared;
    }
    if (ENTRIES.get() >= MAX_ENTRIES) {
      return s;
    }
    shared = table.putIfAbsent(s, s);
    if (shared == null) {
      ENTRIES.incrementAndGet();
      return s;
    }
    return shared;
  }
}
