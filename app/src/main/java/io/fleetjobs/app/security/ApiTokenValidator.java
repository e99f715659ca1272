package io.fleetjobs.app.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Accepts API tokens as bearer tokens: {@code Authorization: Bearer fjt_...}. The database lookup runs off the event
 * loop. Anything else (a signed JWT) is left to the JWT validator.
 */
@Singleton
class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

  static final String KIND_API_TOKEN = "api-token";

  private final ApiTokens tokens;

  ApiTokenValidator(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
    if (!token.startsWith(ApiTokens.PREFIX)) {
      return Mono.empty();
    }
    return Mono.fromCallable(() -> tokens.authenticate(token).orElse(null))
        .subscribeOn(Schedulers.boundedElastic())
        .map(h -> Authentication.build(h.username(), h.role().granted(),
            Map.of(SignIns.CLAIM_KIND, KIND_API_TOKEN, "tokenId", h.tokenId())));
  }

  @Override
  public int getOrder() {
    return -100; // before the JWT validator, which would only fail to parse it
  }
}
