package io.fleetjobs.app.api;

import io.fleetjobs.app.common.Refusal;
import io.micronaut.http.HttpStatus;
import java.util.Map;

/** The HTTP status each kind of {@link Refusal} answers: the one place a domain refusal meets HTTP. */
final class RefusalStatuses {

  // keyed by the exact class: every kind is final, and a kind missing here fails RefusalHandlerTest
  static final Map<Class<? extends Refusal>, HttpStatus> STATUSES = Map.of(
      Refusal.NotFound.class, HttpStatus.NOT_FOUND,
      Refusal.Conflict.class, HttpStatus.CONFLICT,
      Refusal.Invalid.class, HttpStatus.UNPROCESSABLE_ENTITY,
      Refusal.Forbidden.class, HttpStatus.FORBIDDEN,
      Refusal.TooManyRequests.class, HttpStatus.TOO_MANY_REQUESTS,
      Refusal.Unauthenticated.class, HttpStatus.UNAUTHORIZED);

  private RefusalStatuses() {}

  static HttpStatus of(Refusal refusal) {
    HttpStatus status = STATUSES.get(refusal.getClass());
    if (status == null) {
      throw new IllegalStateException("no HTTP status for " + refusal.getClass().getName());
    }
    return status;
  }
}
