package io.fleetjobs.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How operators sign in ({@code fleet.security.*}).
 *
 * @param dataDir where the service keeps its signing secret and the first start's admin password file (default
 *     {@code ./data/security}); created readable by the service's user only
 * @param initialAdmin the user name of the admin created at first start, when there are no users (default
 *     {@code admin})
 * @param initialAdminPassword that admin's password (default: none, a random one is generated, printed once in the
 *     log and written to {@code dataDir/initial-admin-password}); for automated installs
 * @param sessionLifetime how long a console sign-in lasts before the user must sign in again (default {@code PT8H})
 * @param tokenLifetime how long a bearer token from {@code POST /api/auth/login} lasts (default {@code PT1H}); API
 *     tokens are the long-lived kind
 * @param jwtSecret the secret that signs sign-in tokens, at least 32 characters (default: none, a random one is
 *     generated into {@code dataDir/jwt-secret}); set the same on every instance of a cluster
 * @param passwordHashCost the bcrypt cost of stored passwords, 4 to 31 (default {@code 12}: about a quarter of a
 *     second per sign-in on one core)
 * @param metricsOpen serve {@code /prometheus} without signing in (default {@code false}: a viewer's API token is
 *     needed, e.g. as a Prometheus bearer token)
 * @param maxFailedSignIns failed sign-ins of one user name within {@code signInLockout} before further attempts are
 *     refused with 429 until that much time has passed (default {@code 10})
 * @param signInLockout see {@code maxFailedSignIns} (default {@code PT15M})
 * @param masterKey the key that seals device secrets for DTLS, 32 bytes in base64 (default: none, one is generated
 *     into {@code dataDir/master-key}); set the same on every instance of a cluster
 */
@ConfigurationProperties("fleet.security")
public record SecurityConfig(
    @Bindable(defaultValue = "./data/security") String dataDir,
    @Bindable(defaultValue = "admin") String initialAdmin,
    @Nullable String initialAdminPassword,
    @Bindable(defaultValue = "PT8H") Duration sessionLifetime,
    @Bindable(defaultValue = "PT1H") Duration tokenLifetime,
    @Nullable String jwtSecret,
    @Bindable(defaultValue = "12") int passwordHashCost,
    @Bindable(defaultValue = "false") boolean metricsOpen,
    @Bindable(defaultValue = "10") int maxFailedSignIns,
    @Bindable(defaultValue = "PT15M") Duration signInLockout,
    @Nullable String masterKey) {

  public SecurityConfig {
    if (passwordHashCost < 4 || passwordHashCost > 31) {
      throw new IllegalArgumentException("fleet.security.password-hash-cost is 4 to 31, not " + passwordHashCost);
    }
    if (jwtSecret != null && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("fleet.security.jwt-secret must be at least 32 characters");
    }
    if (sessionLifetime.isNegative() || sessionLifetime.isZero() || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("fleet.security.session-lifetime and token-lifetime must be positive");
    }
    if (maxFailedSignIns < 1) {
      throw new IllegalArgumentException("fleet.security.max-failed-sign-ins must be at least 1");
    }
    if (signInLockout.isNegative() || signInLockout.isZero()) {
      throw new IllegalArgumentException("fleet.security.sign-in-lockout must be a positive duration, not " + signInLockout);
    }
  }
}
