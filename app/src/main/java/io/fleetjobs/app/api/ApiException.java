package io.fleetjobs.app.api;

import io.micronaut.http.HttpStatus;

/**
 * A request the API refuses, with its HTTP status and, when one field is at fault, that field's JSON path. Feature
 * services throw it; {@link ProblemResponses} turns it into problem+json.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String field, String detail) {
    super(detail);
    this.status = status;
    this.field = field;
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(HttpStatus.NOT_FOUND, null, what + " '" + id + "' does not exist");
  }

  public static ApiException invalid(String field, String detail) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, field, detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, null, detail);
  }

  public HttpStatus status() {
    return status;
  }

  /** The offending field, or null. */
  public String field() {
    return field;
  }
}
