package dev.vigil.api.testing;

import dev.vigil.api.EngineAccess;
import dev.vigil.engine.Admission;
import dev.vigil.engine.Alert;
import dev.vigil.engine.AlertPage;
import dev.vigil.engine.AlertQuery;
import dev.vigil.engine.Alerts;
import dev.vigil.engine.Event;
import dev.vigil.engine.EventTypes;
import dev.vigil.engine.OverloadedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TEST ONLY: an {@link EngineAccess} that records admitted events (deduplicating by id like the
 * engine), serves a fixed list of alerts, and can be told to fail the next ingest. For unit tests
 * of the HTTP contract; integration tests use the real engine.
 */
public final class RecordingEngine implements EngineAccess {
  private final InMemoryEventTypes types = new InMemoryEventTypes();
  private final List<Event> admitted = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final List<Alert> alerts = new ArrayList<>();
  private Exception nextFailure;
  private volatile java.util.concurrent.CountDownLatch entered;
  private volatile java.util.concurrent.CountDownLatch release;

  public synchronized List<Event> admitted() {
    return List.copyOf(admitted);
  }

  public synchronized void failNextIngest(Exception e) {
    nextFailure = e;
  }

  public synchronized void addAlert(Alert a) {
    alerts.add(0, a);
  }

  /** Makes the next ingest count down {@code entered}, then wait for {@code release}. */
  public void blockNextIngest(
      java.util.concurrent.CountDownLatch entered, java.util.concurrent.CountDownLatch release) {
    this.entered = entered;
    this.release = release;
  }

  @Override
  public List<Admission> ingest(List<Event> events) throws OverloadedException {
    java.util.concurrent.CountDownLatch in = entered;
    java.util.concurrent.CountDownLatch out = release;
    if (in != null) {
      entered = null;
      in.countDown();
      try {
        if (!out.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the ingest");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return admit(events);
  }

  private synchronized List<Admission> admit(List<Event> events) throws OverloadedException {
    if (nextFailure != null) {
      Exception e = nextFailure;
      nextFailure = null;
      if (e instanceof OverloadedException o) {
        throw o;
      }
      throw (RuntimeException) e;
    }
    List<Admission> out = new ArrayList<>();
    for (Event e : events) {
      if (seen.add(e.id())) {
        admitted.add(e);
        out.add(Admission.ACCEPTED);
      } else {
        out.add(Admission.DUPLICATE);
      }
    }
    return out;
  }

  @Override
  public EventTypes eventTypes() {
    return types;
  }

  @Override
  public dev.vigil.engine.Decisions decisions() {
    throw new UnsupportedOperationException("RecordingEngine has no decisions; test them against a real node");
  }

  @Override
  public Alerts alerts() {
    return new Alerts() {
      @Override
      public Optional<Alert> get(String alertId) {
        synchronized (RecordingEngine.this) {
          return alerts.stream().filter(a -> a.alertId().equals(alertId)).findFirst();
        }
      }

      @Override
      public AlertPage query(AlertQuery q) {
        if (q.cursor() != null && !q.cursor().matches("\\d+")) {
          throw new IllegalArgumentException("bad cursor");
        }
        synchronized (RecordingEngine.this) {
          List<Alert> match = alerts.stream()
              .filter(a -> q.ruleId() == null || a.ruleId().equals(q.ruleId()))
              .filter(a -> q.entityKey() == null || a.entity().key().equals(q.entityKey()))
              .filter(a -> q.severity() == null || a.severity().equals(q.severity()))
              .filter(a -> q.since() == null || a.createdAt() >= q.since())
              .filter(a -> q.until() == null || a.createdAt() < q.until())
              .toList();
          int from = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
          int to = Math.min(match.size(), from + q.limit());
          return new AlertPage(match.subList(Math.min(from, to), to), to < match.size() ? Integer.toString(to) : null);
        }
      }

      @Override
      public long count() {
        synchronized (RecordingEngine.this) {
          return alerts.size();
        }
      }
    };
  }
}
