package dev.vigil.engine.internal.host;

import dev.vigil.engine.Alert;
import dev.vigil.engine.Clock;
import dev.vigil.engine.EntityRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns rule matches into alerts with deterministic ids, so that replaying the same events through
 * the same rule version yields the same alert ids (and the store drops the repeats).
 *
 * <p>The id is the first 32 hex digits of SHA-256 over rule id, rule version, entity type, entity
 * key, window bounds and the sorted event ids, each length-prefixed so no two inputs collide by
 * concatenation. When a match names neither events nor a window, the match time is hashed too:
 * otherwise every later match of the same rule and entity would collapse into the first alert.
 */
public final class AlertFactory {

  private final Clock clock;

  public AlertFactory(Clock clock) {
    this.clock = clock;
  }

  /** Who a match is about: the rule's {@code by} field and the match's key, or the global entity. */
  static EntityRef entityOf(Match match) {
    String by = match.rule().by();
    return by == null ? EntityRef.GLOBAL : new EntityRef(by, match.entityKey() == null ? "" : match.entityKey());
  }

  public Alert create(Match match) {
    EntityRef entity = entityOf(match);
    String message = match.message() != null ? match.message() : defaultMessage(match, entity);
    return new Alert(
        alertId(match, entity),
        match.rule().id(),
        match.rule().version(),
        match.rule().severity(),
        entity,
        match.windowStart(),
        match.windowEnd(),
        match.matchTime(),
        match.eventIds(),
        message,
        clock.millis());
  }

  static String alertId(Match match, EntityRef entity) {
    MessageDigest sha = sha256();
    put(sha, match.rule().id());
    put(sha, Integer.toString(match.rule().version()));
    put(sha, entity.type());
    put(sha, entity.key());
    put(sha, String.valueOf(match.windowStart()));
    put(sha, String.valueOf(match.windowEnd()));
    List<String> ids = new ArrayList<>(match.eventIds());
    ids.sort(null);
    put(sha, Integer.toString(ids.size()));
    for (String id : ids) {
      put(sha, id);
    }
    if (ids.isEmpty() && match.windowStart() == null && match.windowEnd() == null) {
      put(sha, Long.toString(match.matchTime()));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
  }

  private static String defaultMessage(Match match, EntityRef entity) {
    return entity == EntityRef.GLOBAL
        ? "rule " + match.rule().id() + " matched"
        : "rule " + match.rule().id() + " matched for " + entity.type() + "=" + entity.key();
  }

  private static void put(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
