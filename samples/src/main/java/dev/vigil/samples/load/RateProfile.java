package dev.vigil.samples.load;

import java.util.ArrayList;
import java.util.List;

/**
 * An open-loop send schedule: one or more phases of a constant rate, e.g. {@code 20000:60,8000:90}
 * = 20 000 events/s for 60 s, then 8 000 events/s for 90 s. Slot {@code n} (the n-th background
 * event) is due {@link #offsetMillis(long)} after the start.
 */
public record RateProfile(List<Phase> phases) {

  /** {@code rate} events per second for {@code seconds}. */
  public record Phase(double rate, double seconds) {
    public Phase {
      if (!(rate > 0) || !(seconds > 0)) {
        throw new IllegalArgumentException("a phase needs a positive rate and duration");
      }
    }
  }

  public RateProfile {
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("no phase");
    }
    phases = List.copyOf(phases);
  }

  /** Parses {@code RATE[:SECONDS][,RATE:SECONDS...]}; a phase without seconds lasts {@code defaultSeconds}. */
  public static RateProfile parse(String text, double defaultSeconds) {
    List<Phase> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] rs = part.trim().split(":");
      try {
        out.add(new Phase(Double.parseDouble(rs[0]), rs.length > 1 ? Double.parseDouble(rs[1]) : defaultSeconds));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad rate phase '" + part + "': expected RATE[:SECONDS]");
      }
    }
    return new RateProfile(out);
  }

  public double totalSeconds() {
    return phases.stream().mapToDouble(Phase::seconds).sum();
  }

  /** Milliseconds after the start at which slot {@code n} is due (past the end: extrapolated). */
  public long offsetMillis(long n) {
    double before = 0;
    double remaining = n;
    for (Phase p : phases) {
      double slots = p.rate() * p.seconds();
      if (remaining < slots) {
        return (long) ((before + remaining / p.rate()) * 1000);
      }
      remaining -= slots;
      before += p.seconds();
    }
    Phase last = phases.get(phases.size() - 1);
    return (long) ((before + remaining / last.rate()) * 1000);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Phase p : phases) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.0f/s for %.0f s", p.rate(), p.seconds()));
    }
    return sb.toString();
  }
}
