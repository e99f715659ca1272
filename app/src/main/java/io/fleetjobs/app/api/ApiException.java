package io.fleetjobs.app.api;

import io.micronaut.http.HttpStatus;

/**
 * A refusal that only exists at the HTTP edge, with its status and, when one field is at fault, that field's JSON
 * path: a body or query the edge cannot read (400), a database that does not answer (503). Services throw a
 * {@link io.fleetjobs.app.common.Refusal} instead; {@link ProblemResponses} turns both into problem+json.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String field, String detail) {
    super(detail);
    this.status = status;
    this.field = field;
  }

  public HttpStatus status() {
    return status;
  }

  /** The offending field, or null. */
  public String field() {
    return field;
  }
}
