package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Refusal;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Cross-site request forgery guard for console sessions. The session cookie is SameSite=Strict already; on top of it a
 * request that changes something and is signed in by that cookie must carry the session's CSRF token in
 * {@code X-CSRF-Token}, which another site cannot read. Bearer and API tokens are not sent by browsers on their own,
 * so requests signed in by them need no CSRF token (micronaut-security-csrf checks every request by path and content
 * type instead, which would burden scripts).
 */
@ServerFilter("/api/**")
class CsrfFilter implements io.micronaut.core.order.Ordered {

  static final String HEADER = "X-CSRF-Token";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  @RequestFilter
  void check(HttpRequest<?> request) {
    if (SAFE.contains(request.getMethod())) {
      return;
    }
    Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
    if (authentication == null || !SignIns.KIND_SESSION.equals(authentication.getAttributes().get(SignIns.CLAIM_KIND))) {
      return;
    }
    Object expected = authentication.getAttributes().get(SignIns.CLAIM_CSRF);
    String given = request.getHeaders().get(HEADER);
    if (expected == null || given == null
        || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw Refusal.forbidden("a console request that changes something needs the session's " + HEADER + " header");
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after(); // once the security filter has put the authentication on the request
  }
}
