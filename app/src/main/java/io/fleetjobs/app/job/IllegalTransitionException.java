package io.fleetjobs.app.job;

/** A lifecycle change its state machine does not allow, such as running a stopped job. */
public class IllegalTransitionException extends RuntimeException {

  private final Enum<?> from;
  private final Enum<?> to;

  public IllegalTransitionException(Enum<?> from, Enum<?> to) {
    super("cannot go from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public Enum<?> from() {
    return from;
  }

  public Enum<?> to() {
    return to;
  }
}
