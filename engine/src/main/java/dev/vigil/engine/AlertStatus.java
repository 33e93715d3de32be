package dev.vigil.engine;

import java.util.Locale;

/** Where an alert is in its lifecycle: {@code open → acknowledged → resolved} (or open → resolved). */
public enum AlertStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED;

  /** The lower-case name used on the wire, e.g. {@code acknowledged}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException for an unknown name */
  public static AlertStatus ofWireName(String name) {
    for (AlertStatus s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown alert status '" + name + "'");
  }

  /** Whether an alert in this status may move to {@code next}. */
  public boolean canMoveTo(AlertStatus next) {
    return next.ordinal() > ordinal();
  }
}
