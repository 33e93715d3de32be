package dev.vigil.api.ops;

/**
 * Whether the node should receive traffic: {@code STARTING} until the engine and server are up,
 * {@code RECOVERING} while the engine replays its journal after a restart (the server is up, ingest
 * answers 503), {@code READY}, then {@code STOPPING} from the first moment of a shutdown.
 */
public final class Readiness {
  /** The node's lifecycle as seen by load balancers. */
  public enum State { STARTING, RECOVERING, READY, STOPPING }

  private volatile State state = State.STARTING;
  private volatile java.util.function.Supplier<dev.vigil.engine.Recovery> recovery = () -> null;

  public State state() {
    return state;
  }

  public boolean ready() {
    return state == State.READY;
  }

  /** The engine replays its journal; {@code progress} is shown by the readiness probe. */
  public void markRecovering(java.util.function.Supplier<dev.vigil.engine.Recovery> progress) {
    this.recovery = progress;
    if (state == State.STARTING) {
      state = State.RECOVERING;
    }
  }

  /** The journal replay's progress while {@code RECOVERING}, else {@code null}. */
  public dev.vigil.engine.Recovery recovery() {
    return state == State.RECOVERING ? recovery.get() : null;
  }

  public void markReady() {
    if (state == State.STARTING || state == State.RECOVERING) {
      state = State.READY;
    }
  }

  public void markStopping() {
    state = State.STOPPING;
  }
}
