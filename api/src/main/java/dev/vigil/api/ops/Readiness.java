package dev.vigil.api.ops;

/**
 * Whether the node should receive traffic: {@code STARTING} until the engine and server are up,
 * {@code READY}, then {@code STOPPING} from the first moment of a shutdown.
 */
public final class Readiness {
  /** The node's lifecycle as seen by load balancers. */
  public enum State { STARTING, READY, STOPPING }

  private volatile State state = State.STARTING;

  public State state() {
    return state;
  }

  public boolean ready() {
    return state == State.READY;
  }

  public void markReady() {
    if (state == State.STARTING) {
      state = State.READY;
    }
  }

  public void markStopping() {
    state = State.STOPPING;
  }
}
