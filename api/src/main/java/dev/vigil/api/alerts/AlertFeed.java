package dev.vigil.api.alerts;

import dev.vigil.engine.Alerts;
import dev.vigil.engine.StoredAlert;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands the alert store's "alert stored" signal to every {@link AlertFollower} (live-tail clients,
 * alert sinks). Registers one listener with the store; the listener runs on the engine's shard
 * threads and only flips flags, so followers never slow ingestion.
 */
public final class AlertFeed {

  private final Alerts alerts;
  private final Set<AlertFollower> followers = ConcurrentHashMap.newKeySet();

  public AlertFeed(Alerts alerts) {
    this.alerts = alerts;
    alerts.onStored(() -> followers.forEach(AlertFollower::signal));
  }

  /**
   * Starts a follower after {@code cursor} (see {@link AlertFollower}); it reads what is already
   * stored at once, then follows new alerts until {@link #stop}.
   */
  public AlertFollower follow(String cursor, int pageSize, Executor executor,
      Function<List<StoredAlert>, CompletionStage<?>> consumer, Consumer<Throwable> onError) {
    AlertFollower f = new AlertFollower(alerts, executor, cursor, pageSize, consumer, onError);
    followers.add(f);
    f.signal();
    return f;
  }

  public void stop(AlertFollower follower) {
    follower.stop();
    followers.remove(follower);
  }

  public Alerts alerts() {
    return alerts;
  }
}
