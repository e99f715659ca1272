package io.fleetjobs.app.api;

import io.fleetjobs.app.common.Refusal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Answers a service's {@link Refusal} with the status {@link RefusalStatuses} gives its kind, rendered as
 * problem+json by the {@link ErrorResponseProcessor} ({@link ProblemResponses}).
 */
@Produces
@Singleton
@Requires(classes = {Refusal.class, ExceptionHandler.class})
public class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> processor;

  public RefusalHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
    return processor.processResponse(
        ErrorContext.builder(request).cause(refusal).errorMessage(refusal.getMessage()).build(),
        HttpResponse.status(RefusalStatuses.of(refusal)));
  }
}
