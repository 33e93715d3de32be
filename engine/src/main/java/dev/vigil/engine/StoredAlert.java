package dev.vigil.engine;

/**
 * An alert with its position in the alert store. Positions only grow: an alert stored later always
 * has a greater position, so {@link Alerts#after} from the position of the last alert a reader saw
 * returns exactly the alerts it has not seen (the live tail and the file sink resume this way).
 *
 * @param cursor the position, opaque; the same form as {@link AlertPage#nextCursor()}
 */
public record StoredAlert(String cursor, Alert alert) {}
