package dev.vigil.engine;

/**
 * Progress of the journal replay at start (see {@code docs/design/durability.md}): the rebuild
 * replays events that were processed before the restart (muted, to rebuild rule state), the
 * catch-up those accepted but not yet processed. Ingest is refused until {@link #done()}.
 *
 * @param done every replayed event was taken off the shard queues (or there was nothing to replay)
 * @param rebuildEvents events replayed muted
 * @param catchUpEvents events replayed with their effects
 * @param replayed events dispatched so far, of {@code rebuildEvents + catchUpEvents}
 * @param failure why the replay failed, or {@code null}
 */
public record Recovery(boolean done, long rebuildEvents, long catchUpEvents, long replayed, String failure) {

  /** Events to replay in total. */
  public long total() {
    return rebuildEvents + catchUpEvents;
  }
}
