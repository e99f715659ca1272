package io.fleetjobs.app.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Accepts only tokens this service issued. Refuses a token of ours whose user has since been disabled or deleted, or whose password, role or standing changed
 * after it was issued (the security version moved on): such a change ends every session at once, not when the token
 * expires. Reads the in-memory {@link UserDirectory}, never the database, because it runs on the event loop.
 */
@Singleton
class SessionClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

  private final UserDirectory directory;

  SessionClaimsValidator(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  public boolean validate(Claims claims, HttpRequest<?> request) {
    if (!SignIns.ISSUER.equals(claims.get(Claims.ISSUER))) {
      // an OpenID Connect provider's ID token is checked here too, while its sign-in completes on the callback; its
      // users then hold one of our sessions, so anywhere else the provider's tokens (and roles they claim) open nothing
      // (an ID token is validated once with the callback request and once without one; bearer tokens always with theirs)
      return request == null || request.getPath().startsWith("/oauth/callback/");
    }
    Object subject = claims.get(Claims.SUBJECT);
    Object version = claims.get(SignIns.CLAIM_SECURITY_VERSION);
    if (!(subject instanceof String username) || !(version instanceof Number issuedAt)) {
      return false;
    }
    return directory.standing(username)
        .map(s -> !s.disabled() && s.securityVersion() == issuedAt.longValue())
        .orElse(false);
  }
}
