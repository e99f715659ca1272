package io.fleetjobs.app.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every error the server answers, ours and the framework's (unknown route, unreadable JSON, wrong method), as
 * RFC 7807 problem+json. Being an {@link ErrorResponseProcessor} bean, it replaces Micronaut's default.
 */
@Singleton
public class ProblemResponses implements ErrorResponseProcessor<Problem> {

  @Override
  @NonNull
  public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> base) {
    HttpStatus status = base.getStatus();
    List<Problem.FieldError> errors = new ArrayList<>();
    String detail = null;
    Throwable cause = context.getRootCause().orElse(null);
    if (cause instanceof ApiException api) {
      detail = api.getMessage();
      if (api.field() != null) {
        errors.add(new Problem.FieldError(api.field(), api.getMessage()));
      }
    } else {
      JsonMappingException json = find(cause, JsonMappingException.class);
      com.fasterxml.jackson.core.JsonParseException unparsable = find(cause, com.fasterxml.jackson.core.JsonParseException.class);
      if (json != null || unparsable != null) {
        JsonProblems.Described described = json != null ? JsonProblems.describe(json) : JsonProblems.describe(unparsable);
        detail = described.field() == null ? described.message() : "'" + described.field() + "': " + described.message();
        errors.add(new Problem.FieldError(described.field(), described.message()));
      } else {
        for (var error : context.getErrors()) {
          detail = detail == null ? error.getMessage() : detail + "; " + error.getMessage();
          error.getPath().ifPresent(path -> errors.add(new Problem.FieldError(path, error.getMessage())));
        }
      }
    }
    if (!(cause instanceof ApiException) && status.getCode() == 401) {
      detail = "sign in first: a bearer token from POST /api/auth/login, an API token, or the console's session";
    } else if (!(cause instanceof ApiException) && status.getCode() == 403) {
      detail = "your role may not do this";
    }
    if (status.getCode() >= 500 && !(cause instanceof ApiException)) {
      detail = "internal error; see the service log";
    }
    Problem problem =
        new Problem(
            "about:blank", status.getReason(), status.getCode(), detail, context.getRequest().getPath(), List.copyOf(errors));
    return base.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
  }

  private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
