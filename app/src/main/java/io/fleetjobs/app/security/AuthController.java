package io.fleetjobs.app.security;

import io.fleetjobs.app.api.ProblemAnswers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/**
 * Signing in and out. Scripts take a bearer token from {@code /login} (or use an API token); the console opens a
 * session on {@code /session}: an HttpOnly, SameSite=Strict cookie that scripts on the page cannot read, plus a CSRF
 * token for the requests that change something.
 */
@ProblemAnswers
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sign-in", description = "Bearer tokens for scripts, sessions for the console")
class AuthController {

  private final SignIns signIns;
  private final UserService users;
  private final SessionCookies cookies;
  private final java.util.List<String> providers;

  AuthController(SignIns signIns, UserService users, SessionCookies cookies,
      java.util.List<io.micronaut.security.oauth2.configuration.OauthClientConfiguration> providers) {
    this.signIns = signIns;
    this.users = users;
    this.cookies = cookies;
    this.providers = providers.stream().filter(io.micronaut.security.oauth2.configuration.OauthClientConfiguration::isEnabled)
        .map(io.micronaut.security.oauth2.configuration.OauthClientConfiguration::getName).sorted().toList();
  }

  /**
   * The OpenID Connect providers one may sign in with (none unless configured), each with the path that starts the
   * sign-in in a browser.
   */
  @Operation(operationId = "listSignInProviders", summary = "Lists the OpenID Connect providers one may sign in with")
  @Get("/providers")
  @Secured(SecurityRule.IS_ANONYMOUS)
  java.util.List<java.util.Map<String, String>> providers() {
    return providers.stream().map(name -> java.util.Map.of("name", name, "signIn", "/oauth/login/" + name)).toList();
  }

  /** A bearer token for {@code Authorization: Bearer ...}, valid for {@code fleet.security.token-lifetime}. */
  @Operation(operationId = "login", summary = "Signs in with a password for a bearer token")
  @Post("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  SignInView login(@Body SignInRequest request, HttpRequest<?> http) {
    nameAttempt(http, request);
    SignIns.Issued issued = signIns.bearer(request.username(), request.password());
    return view(issued, "password", issued.token(), null);
  }

  /** Opens a console session: sets the session cookie and answers the CSRF token. */
  @Operation(operationId = "openSession", summary = "Opens a console session")
  @Post("/session")
  @Secured(SecurityRule.IS_ANONYMOUS)
  HttpResponse<SignInView> openSession(@Body SignInRequest request, HttpRequest<?> http) {
    nameAttempt(http, request);
    SignIns.Issued issued = signIns.session(request.username(), request.password());
    return HttpResponse.ok(view(issued, "session", null, issued.csrfToken())).cookie(cookies.session(issued));
  }

  /** Ends the console session: the cookie is cleared. */
  @Operation(operationId = "closeSession", summary = "Ends the console session")
  @Delete("/session")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Status(HttpStatus.NO_CONTENT)
  HttpResponse<Void> closeSession() {
    return HttpResponse.<Void>noContent().cookie(cookies.cleared());
  }

  /** Who the request is signed in as, how, and until when; a console session also gets its CSRF token again. */
  @Operation(operationId = "currentSignIn", summary = "Tells who the request is signed in as")
  @Get("/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer")
  @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
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


  private static SignInView view(SignIns.Issued issued, String via, String accessToken, String csrf) {
    User u = issued.user();
    return new SignInView(u.username(), u.displayName(), u.role(), via, issued.expiresAt(), accessToken, accessToken == null ? null : "Bearer",
        csrf);
  }
}
