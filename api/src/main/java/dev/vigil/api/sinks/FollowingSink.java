package dev.vigil.api.sinks;

import dev.vigil.engine.AlertSink;
import java.util.Optional;

/**
 * An {@link AlertSink} fed from the alert store in store order by a {@link SinkRunner}: it says
 * where to resume and hears when a batch is done (to flush and remember the position). {@code
 * accept} answers {@code false} for an alert id it already took, so a replay never writes twice.
 */
public interface FollowingSink extends AlertSink, AutoCloseable {

  /** The store cursor to continue after; empty = start with the next alert stored. */
  Optional<String> resumeAfter();

  /** Everything up to {@code cursor} was accepted: make it durable as the sink promises. */
  void batchDone(String cursor);

  /** A short name for logs and threads, e.g. {@code file}. */
  String name();

  @Override
  void close();
}
