package io.fleetjobs.app.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The console's session cookie: HttpOnly (scripts on the page cannot read it), SameSite=Strict (other sites' pages
 * cannot send it), Secure when the API is served over HTTPS, and gone when the session ends.
 */
@Singleton
class SessionCookies {

  static final String NAME = "FLEET_SESSION";

  private final boolean secure;
  private final Clock clock;

  SessionCookies(@Value("${micronaut.server.ssl.enabled:false}") boolean secure, Clock clock) {
    this.secure = secure;
    this.clock = clock;
  }

  Cookie session(SignIns.Issued issued) {
    return base(issued.token()).maxAge(Duration.between(clock.instant(), issued.expiresAt()));
  }

  Cookie cleared() {
    return base("").maxAge(0);
  }

  private Cookie base(String value) {
    return Cookie.of(NAME, value).httpOnly(true).sameSite(SameSite.Strict).path("/").secure(secure);
  }
}
