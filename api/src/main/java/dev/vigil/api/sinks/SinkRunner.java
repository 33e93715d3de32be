package dev.vigil.api.sinks;

import dev.vigil.api.alerts.AlertFeed;
import dev.vigil.api.alerts.AlertFollower;
import dev.vigil.engine.StoredAlert;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one {@link FollowingSink} from the alert store on its own thread: each batch of alerts
 * stored since the last one goes to {@code accept}, then {@code batchDone}. A failing sink (disk
 * full) is retried from its last position every second and never holds up ingestion or others.
 */
public final class SinkRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
  static final int BATCH = 1000;
  private static final long RETRY_MILLIS = 1000;

  private final FollowingSink sink;
  private final AlertFeed feed;
  private final ScheduledExecutorService thread;
  private final AlertFollower follower;

  private SinkRunner(FollowingSink sink, AlertFeed feed) {
    this.sink = sink;
    this.feed = feed;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-sink-" + sink.name());
      t.setDaemon(true);
      return t;
    });
    String start = sink.resumeAfter().orElseGet(() -> feed.alerts().lastCursor());
    this.follower = feed.follow(start, BATCH, thread, this::write, this::failed);
  }

  /** Starts feeding {@code sink}; {@link #close()} stops it and closes the sink. */
  public static SinkRunner start(FollowingSink sink, AlertFeed feed) {
    return new SinkRunner(sink, feed);
  }

  private CompletableFuture<Void> write(List<StoredAlert> batch) {
    for (StoredAlert s : batch) {
      sink.accept(s.alert());
    }
    sink.batchDone(batch.get(batch.size() - 1).cursor());
    return CompletableFuture.completedFuture(null);
  }

  private void failed(Throwable e) {
    log.error("alert sink '{}' failed; retrying from its last position", sink.name(), e);
    if (!thread.isShutdown()) {
      thread.schedule(follower::signal, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** The store cursor of the last alert handed to the sink (its batch done). */
  public String position() {
    return follower.cursor();
  }

  @Override
  public void close() {
    feed.stop(follower);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
  }
}
