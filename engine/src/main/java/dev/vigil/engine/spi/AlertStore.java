package dev.vigil.engine.spi;

import dev.vigil.engine.AlertSink;
import dev.vigil.engine.Alerts;

/**
 * Durable alert store. {@link #accept} stores an alert once per {@code alertId}: a repeat is
 * ignored and answers {@code false}.
 */
public interface AlertStore extends Alerts, AlertSink {}
