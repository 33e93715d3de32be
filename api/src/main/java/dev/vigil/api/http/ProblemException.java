package dev.vigil.api.http;

/** Thrown by handlers to answer with a problem; {@link Problems} renders it. */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Integer retryAfterSeconds) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Problem problem() {
    return problem;
  }

  /** Seconds for a {@code Retry-After} header, or {@code null}. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
