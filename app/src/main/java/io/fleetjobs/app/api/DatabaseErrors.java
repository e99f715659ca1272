package io.fleetjobs.app.api;

import io.fleetjobs.app.common.ThrottledLog;
import io.fleetjobs.app.common.TransientErrors;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request the database could not serve for now (down, restarting, no free connection within the pool's
 * {@code connection-timeout}, a statement past {@code fleet.database.statement-timeout}) with 503 problem+json and a
 * {@code Retry-After} (the request's transaction rolled back); logged once per 10 s, without a stack trace. Any other database
 * failure stays a 500 with its stack trace in the log. One handler per exception family Micronaut Data throws.
 */
public abstract class DatabaseErrors<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);
  /** Seconds a client is asked to wait: about one pool connection timeout, and most restarts. */
  static final String RETRY_AFTER_SECONDS = "5";

  private final ErrorResponseProcessor<?> processor;
  private final ThrottledLog unavailable;

  DatabaseErrors(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
    // real time, not the service's clock: this only paces log lines
    this.unavailable = new ThrottledLog(LOG, java.time.Clock.systemUTC(), Duration.ofSeconds(10), 1);
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, E exception) {
    if (!TransientErrors.isTransient(exception)) {
      LOG.error("Unexpected database error answering {} {}", request.getMethod(), request.getPath(), exception);
      return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
    }
    unavailable.warn("rest", "Answered {} {} with 503: {}", request.getMethod(), request.getPath(), TransientErrors.summary(exception));
    String detail = TransientErrors.isTimeout(exception)
        ? "the database did not answer within its statement timeout (fleet.database.statement-timeout); try again shortly"
        : "the database is not available right now (restarting, or no free connection); try again shortly";
    return processor.processResponse(
        ErrorContext.builder(request).cause(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, detail)).errorMessage(detail).build(),
        HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
  }

  /** Statements that failed: Micronaut Data's {@code DataAccessException}. */
  @Produces
  @Singleton
  static final class Statements extends DatabaseErrors<DataAccessException> {
    Statements(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** No connection from the pool. */
  @Produces
  @Singleton
  static final class NoConnection extends DatabaseErrors<CannotGetJdbcConnectionException> {
    NoConnection(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** A connection that broke while in use. */
  @Produces
  @Singleton
  static final class BrokenConnection extends DatabaseErrors<ConnectionException> {
    BrokenConnection(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** A transaction that could not begin or commit. */
  @Produces
  @Singleton
  static final class Transactions extends DatabaseErrors<TransactionException> {
    Transactions(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }
}
