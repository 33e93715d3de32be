package dev.vigil.samples.load;

/**
 * One generated event.
 *
 * @param timeMillis the event time (its {@code timestamp})
 * @param deliverAtMillis when, on the stream's clock, it is handed to the sender: at least
 *     {@code timeMillis} and at most {@code timeMillis + maxDisorder}
 * @param json the event as one NDJSON line, without the newline
 * @param label the fraud scenario it belongs to, or null for background traffic
 */
public record StreamEvent(String id, String type, long timeMillis, long deliverAtMillis, String json, Label label) {}
