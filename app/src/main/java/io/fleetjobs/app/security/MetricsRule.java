package io.fleetjobs.app.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Who may read {@code /prometheus}: a viewer (e.g. a Prometheus server with a viewer's API token as bearer token), or
 * anyone when {@code fleet.security.metrics-open} is set, for a scraper on a trusted network.
 */
@Singleton
class MetricsRule implements SecurityRule<HttpRequest<?>> {

  private final SecurityConfig config;

  MetricsRule(SecurityConfig config) {
    this.config = config;
  }

  @Override
  public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
    if (request == null || !request.getPath().equals("/prometheus")) {
      return Mono.just(SecurityRuleResult.UNKNOWN);
    }
    if (config.metricsOpen() || authentication != null && authentication.getRoles().contains(Role.VIEWER_NAME)) {
      return Mono.just(SecurityRuleResult.ALLOWED);
    }
    return Mono.just(SecurityRuleResult.REJECTED);
  }

  @Override
  public int getOrder() {
    return -200; // before the sensitive-endpoint rule
  }
}
