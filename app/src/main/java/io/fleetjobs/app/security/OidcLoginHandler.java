package io.fleetjobs.app.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Where a sign-in through the OpenID Connect provider ends: the same console session as a password sign-in (the
 * session cookie with its CSRF token, {@link SignIns#session(User)}), then back to the console; a refused one goes
 * back to the console's sign-in page saying so.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
class OidcLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

  static final String CONSOLE = "/console/index.html";

  private final SignIns signIns;
  private final UserService users;
  private final SessionCookies cookies;

  OidcLoginHandler(SignIns signIns, UserService users, SessionCookies cookies) {
    this.signIns = signIns;
    this.users = users;
    this.cookies = cookies;
  }

  @Override
  public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
    SignIns.Issued issued = signIns.session(users.get(authentication.getName()));
    return HttpResponse.seeOther(URI.create(CONSOLE)).cookie(cookies.session(issued));
  }

  @Override
  public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
    return loginSuccess(authentication, request);
  }

  @Override
  public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
    return HttpResponse.seeOther(URI.create(CONSOLE + "#/sign-in?failed=provider"));
  }
}
