package io.fleetjobs.app.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/**
 * Signing in and out. Scripts take a bearer token from {@code /login} (or use an API token); the console opens a
 * session on {@code /session}: an HttpOnly, SameSite=Strict cookie that scripts on the page cannot read, plus a CSRF
 * token for the requests that change something.
 */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sign-in", description = "Bearer tokens for scripts, sessions for the console")
class AuthController {

  static final String SESSION_COOKIE = "FLEET_SESSION";

  private final SignIns signIns;
  private final UserService users;
  private final boolean secureCookie;

  AuthController(SignIns signIns, UserService users, @Value("${micronaut.server.ssl.enabled:false}") boolean secureCookie) {
    this.signIns = signIns;
    this.users = users;
    this.secureCookie = secureCookie;
  }

  /** A bearer token for {@code Authorization: Bearer ...}, valid for {@code fleet.security.token-lifetime}. */
  @Post("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  SignInView login(@Body SignInRequest request, HttpRequest<?> http) {
    nameAttempt(http, request);
    SignIns.Issued issued = signIns.bearer(request.username(), request.password());
    return view(issued, "password", issued.token(), null);
  }

  /** Opens a console session: sets the session cookie and answers the CSRF token. */
  @Post("/session")
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<SignInView> openSession(@Body SignInRequest request, HttpRequest<?> http) {
    nameAttempt(http, request);
    SignIns.Issued issued = signIns.session(request.username(), request.password());
    Cookie cookie = sessionCookie(issued.token()).maxAge(java.time.Duration.between(Instant.now(), issued.expiresAt()));
    return HttpResponse.ok(view(issued, "session", null, issued.csrfToken())).cookie(cookie);
  }

  /** Ends the console session: the cookie is cleared. */
  @Delete("/session")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Status(HttpStatus.NO_CONTENT)
  HttpResponse<Void> closeSession() {
    return HttpResponse.<Void>noContent().cookie(sessionCookie("").maxAge(0));
  }

  /** Who the request is signed in as, how, and until when; a console session also gets its CSRF token again. */
  @Get("/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  SignInView me(Authentication authentication) {
    User user = users.get(authentication.getName());
    Object kind = authentication.getAttributes().get(SignIns.CLAIM_KIND);
    Object exp = authentication.getAttributes().get("exp");
    Instant expires = exp instanceof java.util.Date d ? d.toInstant() : exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    Object csrf = authentication.getAttributes().get(SignIns.CLAIM_CSRF);
    return new SignInView(user.username(), user.displayName(), user.role(), kind == null ? "oidc" : kind.toString(), expires, null, null,
        csrf == null ? null : csrf.toString());
  }

  /** Tells the audit log whom the attempt named, whether or not it succeeds. */
  private static void nameAttempt(HttpRequest<?> http, SignInRequest request) {
    String name = request.username();
    if (name != null && UserService.USERNAME.matcher(name).matches()) {
      http.setAttribute(SignIns.ATTEMPTED_USERNAME, name);
    }
  }

  private Cookie sessionCookie(String value) {
    return Cookie.of(SESSION_COOKIE, value).httpOnly(true).sameSite(SameSite.Strict).path("/").secure(secureCookie);
  }

  private static SignInView view(SignIns.Issued issued, String via, String accessToken, String csrf) {
    User u = issued.user();
    return new SignInView(u.username(), u.displayName(), u.role(), via, issued.expiresAt(), accessToken, accessToken == null ? null : "Bearer",
        csrf);
  }
}
