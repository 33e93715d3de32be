package dev.vigil.engine;

/**
 * The entity an alert is about: the key field a rule groups by, and its value.
 *
 * @param type the key field name, e.g. {@code user_id}; {@code "global"} for ungrouped rules
 * @param key the key value, e.g. {@code u-42}; empty for ungrouped rules
 */
public record EntityRef(String type, String key) {
  public static final EntityRef GLOBAL = new EntityRef("global", "");
}
