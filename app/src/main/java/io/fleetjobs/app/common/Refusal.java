package io.fleetjobs.app.common;

/**
 * A request a service refuses, in the domain's words: what kind of refusal, why, and, when one field of the request
 * is at fault, that field as the API names it (a JSON path such as {@code operations[1].value} or
 * {@code [3].gatewayId}). Services throw these and know nothing of HTTP; the {@code api} package alone decides
 * which status and problem+json each kind answers.
 */
public abstract sealed class Refusal extends RuntimeException
    permits Refusal.NotFound, Refusal.Conflict, Refusal.Invalid, Refusal.Forbidden, Refusal.TooManyRequests,
        Refusal.Unauthenticated {

  private final String field;

  private Refusal(String field, String detail) {
    super(detail);
    this.field = field;
  }

  /** The offending field as the API names it, or null when no single field is at fault. */
  public String field() {
    return field;
  }

  /** {@code what} named {@code id} does not exist (or is not visible to the caller). */
  public static NotFound notFound(String what, String id) {
    return new NotFound(what + " '" + id + "' does not exist");
  }

  /** A value the request gave is not valid; {@code field} may be null when the request as a whole is at fault. */
  public static Invalid invalid(String field, String detail) {
    return new Invalid(field, detail);
  }

  /** The request is valid but clashes with the state of what it names (a duplicate, a job that runs, a race). */
  public static Conflict conflict(String detail) {
    return new Conflict(null, detail);
  }

  /** A conflict that one field of the request causes, such as an id already taken. */
  public static Conflict conflict(String field, String detail) {
    return new Conflict(field, detail);
  }

  /** The caller is known but may not do this. */
  public static Forbidden forbidden(String detail) {
    return new Forbidden(detail);
  }

  /** The caller asked too often (for instance failed sign-ins) and must wait. */
  public static TooManyRequests tooManyRequests(String detail) {
    return new TooManyRequests(detail);
  }

  /** The caller did not prove who it is (a wrong user name or password). */
  public static Unauthenticated unauthenticated(String detail) {
    return new Unauthenticated(detail);
  }

  public static final class NotFound extends Refusal {
    private NotFound(String detail) {
      super(null, detail);
    }
  }

  public static final class Conflict extends Refusal {
    private Conflict(String field, String detail) {
      super(field, detail);
    }
  }

  public static final class Invalid extends Refusal {
    private Invalid(String field, String detail) {
      super(field, detail);
    }
  }

  public static final class Forbidden extends Refusal {
    private Forbidden(String detail) {
      super(null, detail);
    }
  }

  public static final class TooManyRequests extends Refusal {
    private TooManyRequests(String detail) {
      super(null, detail);
    }
  }

  public static final class Unauthenticated extends Refusal {
    private Unauthenticated(String detail) {
      super(null, detail);
    }
  }
}
