package io.fleetjobs.app.security;

import io.fleetjobs.app.common.Refusal;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Turns a user name and password into a signed token: a bearer token for scripts, or a console session (a cookie,
 * with a CSRF token the console sends back on every change). Failed attempts of one user name are counted, and past
 * {@code fleet.security.max-failed-sign-ins} the name is locked out for a while.
 */
@Singleton
public class SignIns {

  /** Token claims the service sets besides the standard ones. */
  public static final String ISSUER = "fleet-jobs";
  static final String CLAIM_SECURITY_VERSION = "sv";
  /** How the holder signed in: {@value #KIND_SESSION}, {@value #KIND_BEARER} or {@code api-token}. */
  public static final String CLAIM_KIND = "kind";
  /**
   * The request attribute holding the user name a sign-in attempt named, for the audit log (set only when it is a
   * well-formed user name, so that a password typed into the name field is not kept).
   */
  public static final String ATTEMPTED_USERNAME = "fleet.sign-in.username";
  static final String CLAIM_CSRF = "csrf";
  static final String KIND_SESSION = "session";
  static final String KIND_BEARER = "bearer";

  /** A signed-in user's token and when it ends; {@code csrfToken} only for console sessions. */
  public record Issued(User user, String token, Instant expiresAt, String csrfToken) {}

  private final UserService users;
  private final JwtTokenGenerator generator;
  private final SecurityConfig config;
  private final FailedSignIns failures;
  private final Clock clock;

  SignIns(UserService users, JwtTokenGenerator generator, SecurityConfig config, FailedSignIns failures, Clock clock) {
    this.users = users;
    this.generator = generator;
    this.config = config;
    this.failures = failures;
    this.clock = clock;
  }

  /** A bearer token for {@code POST /api/auth/login}. */
  public Issued bearer(String username, String password) {
    return issue(authenticate(username, password), KIND_BEARER, config.tokenLifetime(), null);
  }

  /** A console session for {@code POST /api/auth/session}. */
  public Issued session(String username, String password) {
    return session(authenticate(username, password));
  }

  /** A console session for a user signed in another way (the OpenID Connect provider). */
  public Issued session(User user) {
    return issue(user, KIND_SESSION, config.sessionLifetime(), SecretFiles.token(24));
  }

  private User authenticate(String username, String password) {
    if (username == null || username.isBlank()) {
      throw Refusal.invalid("username", "username is required");
    }
    if (password == null) {
      throw Refusal.invalid("password", "password is required");
    }
    if (failures.lockedOut(username)) {
      throw Refusal.tooManyRequests(
          "too many failed sign-ins for '" + username + "'; try again in " + config.signInLockout().toMinutes() + " minutes");
    }
    return users.authenticate(username, password).map(user -> {
      failures.clear(username);
      return user;
    }).orElseThrow(() -> {
      failures.record(username);
      return Refusal.unauthenticated("wrong user name or password");
    });
  }

  private Issued issue(User user, String kind, Duration lifetime, String csrf) {
    Map<String, Object> claims = new java.util.HashMap<>();
    claims.put(CLAIM_SECURITY_VERSION, user.securityVersion());
    claims.put(CLAIM_KIND, kind);
    claims.put("name", user.displayName());
    if (csrf != null) {
      claims.put(CLAIM_CSRF, csrf);
    }
    Authentication authentication = Authentication.build(user.username(), user.role().granted(), claims);
    String token = generator.generateToken(authentication, (int) lifetime.toSeconds())
        .orElseThrow(() -> new IllegalStateException("could not sign a token"));
    return new Issued(user, token, clock.instant().plus(lifetime), csrf);
  }
}
