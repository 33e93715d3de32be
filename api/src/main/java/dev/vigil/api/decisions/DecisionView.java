package dev.vigil.api.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.api.ingest.Timestamps;
import dev.vigil.engine.Decision;
import java.util.List;

/**
 * JSON of a decision. The answer of {@code POST /v1/decisions} has {@code decision} (the
 * outcome), {@code score}, {@code reasons} and {@code version}; the log entry adds what was read.
 */
public final class DecisionView {

  private DecisionView() {}

  public record Reason(String rule, int points, String label) {}

  public record Input(String name, String entity, String value) {}

  /** Body of {@code POST /v1/decisions}. */
  public record Answer(
      @JsonProperty("event_id") String eventId,
      String decision,
      int score,
      List<Reason> reasons,
      int version,
      String name,
      String set,
      @JsonProperty("dry_run") boolean dryRun) {}

  /** One entry of the decision log. */
  public record Entry(
      @JsonProperty("event_id") String eventId,
      @JsonProperty("event_type") String eventType,
      String decision,
      int score,
      List<Reason> reasons,
      int version,
      String name,
      String set,
      List<Input> inputs,
      @JsonProperty("event_time") String eventTime,
      @JsonProperty("decided_at") String decidedAt) {}

  /** Body of {@code GET /v1/decisions}. */
  public record Page(List<Entry> decisions, @JsonProperty("next_cursor") String nextCursor) {}

  static Answer answer(Decision d, boolean dryRun) {
    return new Answer(d.eventId(), d.outcome(), d.score(), reasons(d), d.version(), d.decision(), d.set(), dryRun);
  }

  public static Entry entry(Decision d) {
    return new Entry(d.eventId(), d.eventType(), d.outcome(), d.score(), reasons(d), d.version(), d.decision(), d.set(),
        d.inputs().stream().map(i -> new Input(i.name(), i.entity(), i.value())).toList(),
        Timestamps.format(d.eventTime()), Timestamps.format(d.decidedAt()));
  }

  private static List<Reason> reasons(Decision d) {
    return d.reasons().stream().map(r -> new Reason(r.rule(), r.points(), r.label())).toList();
  }
}
