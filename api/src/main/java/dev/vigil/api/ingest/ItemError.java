package dev.vigil.api.ingest;

/**
 * Why one event of a batch was rejected.
 *
 * @param field the offending member, e.g. {@code amount} or {@code meta.tags[2]}; {@code "$"} when
 *     the item as a whole is at fault (not an object, does not parse, too large)
 * @param reason what is wrong, for humans
 */
public record ItemError(String field, String reason) {
  /** The {@code field} value naming the whole item. */
  public static final String WHOLE_ITEM = "$";

  static ItemError whole(String reason) {
    return new ItemError(WHOLE_ITEM, reason);
  }
}
