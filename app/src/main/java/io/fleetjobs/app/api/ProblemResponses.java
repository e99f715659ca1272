package io.fleetjobs.app.api;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.common.Text;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders every error the server answers, ours and the framework's (unknown route, unreadable JSON, wrong method, a
 * body over {@code micronaut.server.max-request-size}), as RFC 7807 problem+json. Being an
 * {@link ErrorResponseProcessor} bean, it replaces Micronaut's default. Every message leaves it short and with the
 * characters {@link Text} refuses escaped, whatever input it echoes.
 */
@Singleton
public class ProblemResponses implements ErrorResponseProcessor<Problem> {

  /** The longest detail or field message answered; longer ones are clipped. */
  static final int MAX_MESSAGE = 500;

  private final HttpServerConfiguration server;

  public ProblemResponses(HttpServerConfiguration server) {
    this.server = server;
  }

  @Override
  @NonNull
  public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> base) {
    HttpStatus status = base.getStatus();
    List<Problem.FieldError> errors = new ArrayList<>();
    String detail = null;
    Throwable cause = context.getRootCause().orElse(null);
    Optional<JsonProblems.Described> json = JsonProblems.find(cause);
    if (cause instanceof ContentLengthExceededException || cause instanceof BufferLengthExceededException) {
      long limit = cause instanceof BufferLengthExceededException ? server.getMaxRequestBufferSize() : server.getMaxRequestSize();
      detail = "the request body is larger than the " + limit + " bytes this service accepts ("
          + (cause instanceof BufferLengthExceededException ? "micronaut.server.max-request-buffer-size" : "micronaut.server.max-request-size")
          + ")";
    } else if (ours(cause)) {
      detail = cause.getMessage();
      String field = cause instanceof Refusal refusal ? refusal.field() : ((ApiException) cause).field();
      if (field != null) {
        errors.add(new Problem.FieldError(field, cause.getMessage()));
      }
    } else if (json.isPresent()) {
      JsonProblems.Described described = json.get();
      detail = described.field() == null ? described.message() : "'" + described.field() + "': " + described.message();
      errors.add(new Problem.FieldError(described.field(), described.message()));
    } else if (cause instanceof UnsatisfiedBodyRouteException) {
      detail = "this request needs a body";
    } else if (cause instanceof UnsatisfiedRouteException missing) {
      // a header or parameter: named as the API names it (the framework's message would quote the Java argument)
      String name = missing.getArgument().getName();
      detail = name + " is required";
      errors.add(new Problem.FieldError(name, detail));
    } else if (cause instanceof UnsatisfiedArgumentException || cause instanceof ConversionErrorException) {
      detail = "the request holds a value that is not valid here"; // parameters are checked before (QueryParameters)
    } else {
      for (var error : context.getErrors()) {
        detail = detail == null ? error.getMessage() : detail + "; " + error.getMessage();
        error.getPath().ifPresent(path -> errors.add(new Problem.FieldError(path, error.getMessage())));
      }
    }
    if (!ours(cause) && status.getCode() == 401) {
      detail = "sign in first: a bearer token from POST /api/auth/login, an API token, or the console's session";
    } else if (!ours(cause) && status.getCode() == 403) {
      detail = "your role may not do this";
    }
    if (status.getCode() >= 500 && !ours(cause)) {
      detail = "internal error; see the service log";
    }
    if (detail == null || detail.isBlank()) {
      detail = status.getReason();
    }
    Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), safe(detail), safe(context.getRequest().getPath()),
        errors.stream().map(e -> new Problem.FieldError(safe(e.field()), safe(e.message()))).toList());
    return base.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
  }

  /** A refusal whose detail is written for the client: a service's {@link Refusal} or this package's {@link ApiException}. */
  static boolean ours(Throwable cause) {
    return cause instanceof Refusal || cause instanceof ApiException;
  }

  /** Escaped and clipped, so no answer carries what a terminal or page would act on, or floods its reader. */
  static String safe(String message) {
    if (message == null) {
      return null;
    }
    String escaped = Text.escape(message);
    return escaped.length() <= MAX_MESSAGE ? escaped : escaped.substring(0, MAX_MESSAGE) + "…";
  }
}
